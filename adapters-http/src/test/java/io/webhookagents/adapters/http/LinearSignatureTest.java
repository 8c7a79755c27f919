package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LinearSignatureTest {
  private static final String SECRET = "lin_wh_secret";
  private static final byte[] BODY = "{\"type\":\"Issue\"}".getBytes(StandardCharsets.UTF_8);
  // HMAC-SHA256 of BODY under SECRET, computed independently with openssl dgst -sha256 -hmac.
  private static final String EXPECTED =
      "832aec63ba2bfa31e5eeecd857b21daadaed02f05ec51e01bb92b58e52c9ea62";

  private final LinearSignature signature = new LinearSignature(SECRET);

  @Test
  void digestOfTheBody_matches_inEitherCase() {
    assertThat(signature.check(EXPECTED, BODY)).isEqualTo(SignatureCheck.MATCH);
    assertThat(signature.check(EXPECTED.toUpperCase(Locale.ROOT), BODY))
        .isEqualTo(SignatureCheck.MATCH);
  }

  @Test
  void anotherSecret_doesNotMatch() {
    assertThat(new LinearSignature("other").check(EXPECTED, BODY))
        .isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void aPrefixOrAHalfDigest_isMalformed() {
    assertThat(signature.check("sha256=" + EXPECTED, BODY)).isEqualTo(SignatureCheck.MALFORMED);
    assertThat(signature.check(EXPECTED.substring(0, 32), BODY))
        .isEqualTo(SignatureCheck.MALFORMED);
  }
}
