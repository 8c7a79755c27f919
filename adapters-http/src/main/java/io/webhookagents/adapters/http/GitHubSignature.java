package io.webhookagents.adapters.http;

/**
 * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256 of
 * the raw body under the webhook's secret. Immutable and safe to share between threads.
 */
final class GitHubSignature {
  private static final String PREFIX = "sha256=";

  private final HmacSha256 key;

  GitHubSignature(String secret) {
    this.key = new HmacSha256(secret);
  }

  SignatureCheck check(String header, byte[] body) {
    String value = header.strip();
    if (!value.startsWith(PREFIX)) {
      return SignatureCheck.MALFORMED;
    }
    byte[] claimed = HmacSha256.parseHex(value.substring(PREFIX.length()));
    if (claimed == null) {
      return SignatureCheck.MALFORMED;
    }
    return key.matches(claimed, body) ? SignatureCheck.MATCH : SignatureCheck.MISMATCH;
  }
}
