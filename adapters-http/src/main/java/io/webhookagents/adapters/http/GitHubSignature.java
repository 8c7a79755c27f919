package io.webhookagents.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256 of
 * the raw body under the webhook's secret. Immutable and safe to share between threads.
 */
final class GitHubSignature {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";
  private static final int HEX_DIGITS = 64;

  /** What checking a header found. */
  enum Result {
    MATCH,
    MALFORMED,
    MISMATCH
  }

  private final SecretKeySpec key;

  GitHubSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  Result check(String header, byte[] body) {
    byte[] claimed = decode(header);
    if (claimed == null) {
      return Result.MALFORMED;
    }
    // Compares every byte whatever the first difference, so timing reveals nothing.
    return MessageDigest.isEqual(hmac(body), claimed) ? Result.MATCH : Result.MISMATCH;
  }

  private static byte @Nullable [] decode(String header) {
    String value = header.strip();
    if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + HEX_DIGITS) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value, PREFIX.length(), value.length());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
