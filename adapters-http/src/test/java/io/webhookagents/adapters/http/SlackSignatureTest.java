package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {
  // Slack's documented example: verifying-requests-from-slack.
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TIMESTAMP = "1531420618";
  private static final String EXPECTED =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  private static final byte[] BODY = TestServer.resource("/slack/slash_command.txt");

  private final SlackSignature signature = new SlackSignature(SECRET);

  @Test
  void slacksTestVector_matches() {
    assertThat(signature.check(TIMESTAMP, EXPECTED, BODY)).isEqualTo(SignatureCheck.MATCH);
  }

  @Test
  void anotherTimestamp_doesNotMatch() {
    assertThat(signature.check("1531420619", EXPECTED, BODY)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void aBodyOneByteShorter_doesNotMatch() {
    byte[] shorter = Arrays.copyOf(BODY, BODY.length - 1);

    assertThat(signature.check(TIMESTAMP, EXPECTED, shorter)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void anotherVersionOrNoPrefix_isMalformed() {
    String digest = EXPECTED.substring("v0=".length());

    assertThat(signature.check(TIMESTAMP, "v1=" + digest, BODY))
        .isEqualTo(SignatureCheck.MALFORMED);
    assertThat(signature.check(TIMESTAMP, digest, BODY)).isEqualTo(SignatureCheck.MALFORMED);
  }
}
