package io.webhookagents.adapters.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who may use the agents API: holders of the bearer token when one is set, otherwise only clients
 * on the loopback interface. Immutable and safe to share between threads.
 */
final class ApiAccess {
  private static final String BEARER = "bearer ";

  private final byte @Nullable [] tokenDigest;

  ApiAccess(@Nullable String token) {
    this.tokenDigest = token == null ? null : sha256(token);
  }

  /**
   * Lets the request through or throws a 401 that says what to send or set.
   *
   * @param authorization the {@code Authorization} header, if any
   * @param peer the client's address, or null when unknown
   */
  void check(@Nullable String authorization, @Nullable InetAddress peer) {
    if (tokenDigest == null) {
      checkLoopback(peer);
      return;
    }
    String token = bearerToken(authorization);
    if (token == null) {
      throw unauthorized("send Authorization: Bearer <ORCHESTRATOR_API_TOKEN>");
    }
    // Digests have one length whatever was sent, so the comparison reveals not even that.
    if (!MessageDigest.isEqual(sha256(token), tokenDigest)) {
      throw unauthorized("the bearer token is not ORCHESTRATOR_API_TOKEN");
    }
  }

  private static void checkLoopback(@Nullable InetAddress peer) {
    if (peer == null || !peer.isLoopbackAddress()) {
      throw unauthorized(
          "ORCHESTRATOR_API_TOKEN is not set, so only loopback clients may use this API;"
              + " set it to allow others");
    }
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()) {
      return null;
    }
    String scheme = authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT);
    String token = authorization.substring(BEARER.length()).strip();
    return scheme.equals(BEARER) && !token.isEmpty() ? token : null;
  }

  private static ProblemException unauthorized(String detail) {
    return Problem.of(ProblemType.UNAUTHORIZED, detail)
        .withHeader("WWW-Authenticate", "Bearer")
        .toException();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
