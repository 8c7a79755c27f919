package io.webhookagents.adapters.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who may use the agents API: holders of the bearer token when one is set, otherwise only clients
 * on the loopback interface that address this service by a loopback name. Immutable and safe to
 * share between threads.
 *
 * <p>The name matters because of DNS rebinding: a page on another site can point its own host name
 * at 127.0.0.1 and have the visitor's browser, a loopback client, call the API. Such a request
 * still names that other host in {@code Host}. A request without {@code Host} comes from no browser
 * and is let through.
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
   * @param host the {@code Host} header, if any
   */
  void check(@Nullable String authorization, @Nullable InetAddress peer, @Nullable String host) {
    if (tokenDigest == null) {
      checkLoopback(peer);
      checkLoopbackName(host);
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

  private static void checkLoopbackName(@Nullable String host) {
    if (host != null && !LoopbackHost.names(host)) {
      throw unauthorized(
          "ORCHESTRATOR_API_TOKEN is not set, so this API answers only requests addressed to"
              + " localhost, 127.0.0.1 or [::1], not to '"
              + Echo.of(host)
              + "'; set ORCHESTRATOR_API_TOKEN to allow others");
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
