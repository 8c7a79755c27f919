package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitHubSignatureTest {
  // GitHub's documented example: validating-webhook-deliveries.
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private final GitHubSignature signature = new GitHubSignature(SECRET);

  @Test
  void githubsTestVector_matches() {
    assertThat(signature.check(EXPECTED, BODY)).isEqualTo(SignatureCheck.MATCH);
  }

  @Test
  void anotherBody_doesNotMatch() {
    byte[] other = "Hello, World?".getBytes(StandardCharsets.UTF_8);

    assertThat(signature.check(EXPECTED, other)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void anotherSecret_doesNotMatch() {
    GitHubSignature other = new GitHubSignature("It's a secret to everybody");

    assertThat(other.check(EXPECTED, BODY)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void headerWithoutTheSha256Prefix_isMalformed() {
    assertThat(signature.check(EXPECTED.substring("sha256=".length()), BODY))
        .isEqualTo(SignatureCheck.MALFORMED);
    assertThat(signature.check("sha1=" + "0".repeat(40), BODY)).isEqualTo(SignatureCheck.MALFORMED);
  }

  @Test
  void digestOfTheWrongLengthOrNotHex_isMalformed() {
    assertThat(signature.check(EXPECTED.substring(0, EXPECTED.length() - 2), BODY))
        .isEqualTo(SignatureCheck.MALFORMED);
    assertThat(signature.check("sha256=" + "g".repeat(64), BODY))
        .isEqualTo(SignatureCheck.MALFORMED);
    assertThat(signature.check("", BODY)).isEqualTo(SignatureCheck.MALFORMED);
  }
}
