package io.webhookagents.app;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a body as GitHub does, for the X-Hub-Signature-256 header of test deliveries. */
final class GitHubSignature {
  private GitHubSignature() {}

  /** A JSON delivery of {@code event} to {@code url}, signed with {@code secret} as GitHub does. */
  static HttpRequest.Builder delivery(
      String url, String event, String deliveryId, String secret, byte[] body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", deliveryId)
        .header("X-Hub-Signature-256", header(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
  static String header(String secret, byte[] body) {
    return "sha256=" + hmacHex(secret, body);
  }

  /** The hex HMAC-SHA256 of {@code bytes} under {@code secret}, which Slack signs with too. */
  static String hmacHex(String secret, byte[] bytes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
