package io.webhookagents.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A webhook secret as an HMAC-SHA256 key, and the constant-time check of a digest a sender claims.
 * Immutable and safe to share between threads; never shows the secret.
 */
final class HmacSha256 {
  /** How long a digest is written in hex. */
  static final int HEX_DIGITS = 64;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  HmacSha256(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * The 32 bytes that {@code hex} writes as 64 hex digits, in either case; null for anything else.
   */
  static byte @Nullable [] parseHex(String hex) {
    if (hex.length() != HEX_DIGITS) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True when {@code claimed} is the digest of the parts, one after another. */
  boolean matches(byte[] claimed, byte[]... parts) {
    // Compares every byte whatever the first difference, so timing reveals nothing.
    return MessageDigest.isEqual(digest(parts), claimed);
  }

  private byte[] digest(byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSha256[key=(secret)]";
  }
}
