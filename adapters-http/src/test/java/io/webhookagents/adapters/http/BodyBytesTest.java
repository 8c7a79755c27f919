package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyBytesTest {
  private final BodyMemory memory = new BodyMemory(1024, 1024);
  private final BodyMemory.Share share = memory.share();

  @Test
  void chunks_areJoinedInOrder_growingPastTheInitialCapacity() {
    BodyBytes body = BodyBytes.start(share, 4, 100);

    body.append(chunk("abc"));
    body.append(chunk("defgh"));
    body.append(chunk(""));
    body.append(chunk("ij"));

    assertThat(body.size()).isEqualTo(10);
    assertThat(new String(body.toArray(), StandardCharsets.UTF_8)).isEqualTo("abcdefghij");
    assertThat(share.bytes()).isEqualTo(10);
  }

  @Test
  void aBodyThatFillsItsArray_isHandedOnWithoutACopy() {
    BodyBytes body = BodyBytes.start(share, 6, 6);
    body.append(chunk("abc"));
    body.append(chunk("def"));

    byte[] first = body.toArray();

    assertThat(first).isSameAs(body.toArray()).asString().isEqualTo("abcdef");
  }

  @Test
  void growth_stopsAtTheMostTheBodyCanBe_soItsArrayIsExact() {
    BodyBytes body = BodyBytes.start(share, 4, 10);
    body.append(chunk("abcde"));

    body.append(chunk("fghij"));

    assertThat(share.bytes()).isEqualTo(10);
    assertThat(body.toArray()).isSameAs(body.toArray()).hasSize(10);
  }

  @Test
  void appending_readsTheChunkToItsEnd() {
    BodyBytes body = BodyBytes.start(share, 16, 16);
    ByteBuffer chunk = chunk("xyz");

    body.append(chunk);

    assertThat(chunk.hasRemaining()).isFalse();
    assertThat(body.toArray()).hasSize(3);
  }

  @Test
  void aBodyWhoseArrayFindsNoRoom_keepsWhatItHad_andTakesNothingMore() {
    BodyMemory.Share other = memory.share();
    other.grow(1010);
    BodyBytes body = BodyBytes.start(share, 8, 100);
    body.append(chunk("12345678"));
    ByteBuffer more = chunk("9");

    boolean appended = body.append(more);

    assertThat(appended).isFalse();
    assertThat(more.remaining()).isEqualTo(1);
    assertThat(body.size()).isEqualTo(8);
    assertThat(share.bytes()).isEqualTo(8);
    assertThat(memory.held()).isEqualTo(1018);
  }

  @Test
  void noRoomForTheFirstArray_meansNoBody() {
    memory.share().grow(1020);

    assertThat(BodyBytes.start(share, 8, 100)).isNull();
    assertThat(share.bytes()).isZero();
  }

  @Test
  void aCopyToTheExactLength_holdsOnlyThatLength_andNeedsRoomForItFirst() {
    BodyBytes copied = BodyBytes.start(share, 600, 1000);
    copied.append(chunk("abc"));

    assertThat(copied.toArray()).asString().isEqualTo("abc");
    assertThat(share.bytes()).isEqualTo(3);

    BodyMemory.Share crowded = memory.share();
    BodyBytes tooBig = BodyBytes.start(crowded, 600, 1000);
    tooBig.append(chunk("x".repeat(500)));
    assertThat(tooBig.toArray()).isNull();
    assertThat(crowded.bytes()).isEqualTo(600);
  }

  private static ByteBuffer chunk(String text) {
    // Direct, as Undertow's pooled buffers are.
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }
}
