package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyBytesTest {

  @Test
  void chunks_areJoinedInOrder_growingPastTheInitialCapacity() {
    BodyBytes body = new BodyBytes(4);

    body.append(chunk("abc"));
    body.append(chunk("defgh"));
    body.append(chunk(""));
    body.append(chunk("ij"));

    assertThat(body.size()).isEqualTo(10);
    assertThat(new String(body.toArray(), StandardCharsets.UTF_8)).isEqualTo("abcdefghij");
  }

  @Test
  void aBodyThatFillsItsArray_isHandedOnWithoutACopy() {
    BodyBytes body = new BodyBytes(6);
    body.append(chunk("abc"));
    body.append(chunk("def"));

    byte[] first = body.toArray();

    assertThat(first).isSameAs(body.toArray()).asString().isEqualTo("abcdef");
  }

  @Test
  void appending_readsTheChunkToItsEnd() {
    BodyBytes body = new BodyBytes(16);
    ByteBuffer chunk = chunk("xyz");

    body.append(chunk);

    assertThat(chunk.hasRemaining()).isFalse();
    assertThat(body.toArray()).hasSize(3);
  }

  private static ByteBuffer chunk(String text) {
    // Direct, as Undertow's pooled buffers are.
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }
}
