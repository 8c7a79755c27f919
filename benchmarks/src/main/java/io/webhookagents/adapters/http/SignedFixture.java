package io.webhookagents.adapters.http;

import io.webhookagents.benchmarks.Fixture;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fixture and the {@code X-Hub-Signature-256} value GitHub would send with it, computed here
 * with the JDK alone so that a fault in the adapter's own HMAC cannot make itself look right.
 */
final class SignedFixture {
  final byte[] body = Fixture.issueOpened();
  final String signatureHeader = "sha256=" + HexFormat.of().formatHex(hmac(body));

  private static byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = Fixture.SECRET.getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
