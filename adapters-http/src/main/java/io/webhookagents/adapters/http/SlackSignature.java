package io.webhookagents.adapters.http;

import java.nio.charset.StandardCharsets;

/**
 * Checks Slack's {@code X-Slack-Signature} header: {@code v0=} and the hex HMAC-SHA256, under the
 * app's signing secret, of {@code v0:}, the request timestamp, {@code :} and the raw body.
 * Immutable and safe to share between threads.
 */
final class SlackSignature {
  private static final String VERSION = "v0";
  private static final String PREFIX = VERSION + "=";

  private final HmacSha256 key;

  SlackSignature(String secret) {
    this.key = new HmacSha256(secret);
  }

  /**
   * @param timestamp the {@code X-Slack-Request-Timestamp} header exactly as received
   * @param header the {@code X-Slack-Signature} header
   */
  SignatureCheck check(String timestamp, String header, byte[] body) {
    String value = header.strip();
    if (!value.startsWith(PREFIX)) {
      return SignatureCheck.MALFORMED;
    }
    byte[] claimed = HmacSha256.parseHex(value.substring(PREFIX.length()));
    if (claimed == null) {
      return SignatureCheck.MALFORMED;
    }
    byte[] base = (VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
    return key.matches(claimed, base, body) ? SignatureCheck.MATCH : SignatureCheck.MISMATCH;
  }
}
