package io.webhookagents.adapters.controller;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where the controller is and how long to wait for it.
 *
 * <p>{@code baseUrl} may carry a path prefix ({@code http://host:9100/prefix}); calls go below it,
 * and a missing trailing slash is added. It must not carry a user name or password: the controller
 * is authenticated with {@code apiKey} alone, which this record never prints.
 *
 * @param baseUrl the controller's http or https base URL, normalised to end with a slash
 * @param apiKey the bearer token sent with every call
 * @param model the model named in every task
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long any single read or write may stall
 * @param callTimeout how long a whole call may take, connecting and reading included
 * @throws IllegalArgumentException when a value is missing or unusable; the message never holds the
 *     API key
 */
public record ControllerSettings(
    String baseUrl,
    String apiKey,
    String model,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  public ControllerSettings {
    baseUrl = withTrailingSlash(parse(Objects.requireNonNull(baseUrl, "baseUrl")));
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(model, "model");

    if (!apiKey.chars().allMatch(c -> c > ' ' && c < 0x7f) || apiKey.isEmpty()) {
      // The key goes into a header: only visible ASCII survives that unchanged.
      throw new IllegalArgumentException("apiKey must be visible ASCII without spaces");
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    requirePositive("callTimeout", callTimeout);
  }

  /** Settings with the default timeouts: connect 5 s, read 30 s, whole call 60 s. */
  public static ControllerSettings of(String baseUrl, String apiKey, String model) {
    return new ControllerSettings(
        baseUrl,
        apiKey,
        model,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_CALL_TIMEOUT);
  }

  HttpUrl httpUrl() {
    return HttpUrl.get(baseUrl);
  }

  @Override
  public String toString() {
    return "ControllerSettings[baseUrl="
        + baseUrl
        + ", apiKey=<redacted>, model="
        + model
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + "]";
  }

  private static HttpUrl parse(String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    if (url == null) {
      // Not echoed: a URL may hold a password, a token, or be a key pasted in the wrong place.
      throw new IllegalArgumentException("baseUrl is not an http or https URL");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException(
          "baseUrl must not carry a user name or password; the API key authenticates");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException("baseUrl must not carry a query or fragment");
    }
    return url;
  }

  private static String withTrailingSlash(HttpUrl url) {
    String path = url.encodedPath();
    return path.endsWith("/")
        ? url.toString()
        : url.newBuilder().encodedPath(path + "/").toString();
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
