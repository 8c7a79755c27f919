package io.webhookagents.adapters.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the HTTP server listens and whom it trusts. Blank secrets count as unset.
 *
 * @param bindAddress the interface to listen on, e.g. {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one, which {@link HttpServer#port()} then reports
 * @param maxBodyBytes the largest webhook body accepted, at most 1 GiB; larger ones get 413
 * @param githubSecret the GitHub webhook secret; null leaves GitHub intake off (404)
 * @param apiToken the bearer token for the agents API; null limits that API to loopback clients
 */
public record HttpSettings(
    String bindAddress,
    int port,
    long maxBodyBytes,
    @Nullable String githubSecret,
    @Nullable String apiToken) {

  /** The body limit when the operator sets none: 25 MiB, what GitHub itself may send. */
  public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

  // Bodies are held in memory while their signature is checked.
  private static final long MAX_BODY_BYTES_CEILING = 1024L * 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be between 1 and " + MAX_BODY_BYTES_CEILING + ", was " + maxBodyBytes);
    }
    githubSecret = blankToNull(githubSecret);
    apiToken = blankToNull(apiToken);
  }

  /** Says whether each secret is set, never what it is. */
  @Override
  public String toString() {
    return "HttpSettings[bindAddress="
        + bindAddress
        + ", port="
        + port
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", githubSecret="
        + redacted(githubSecret)
        + ", apiToken="
        + redacted(apiToken)
        + "]";
  }

  private static String redacted(@Nullable String secret) {
    return secret == null ? "unset" : "(set)";
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
