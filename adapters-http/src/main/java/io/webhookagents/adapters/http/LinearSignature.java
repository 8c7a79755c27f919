package io.webhookagents.adapters.http;

/**
 * Checks Linear's {@code Linear-Signature} header: the hex HMAC-SHA256 of the raw body under the
 * webhook's signing secret, with no prefix. Immutable and safe to share between threads.
 */
final class LinearSignature {
  private final HmacSha256 key;

  LinearSignature(String secret) {
    this.key = new HmacSha256(secret);
  }

  SignatureCheck check(String header, byte[] body) {
    byte[] claimed = HmacSha256.parseHex(header.strip());
    if (claimed == null) {
      return SignatureCheck.MALFORMED;
    }
    return key.matches(claimed, body) ? SignatureCheck.MATCH : SignatureCheck.MISMATCH;
  }
}
