package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps pages on other sites from changing agents through a visitor's browser. A browser lets any
 * page send a POST with a form or plain-text body, or with none, without asking this service first;
 * it does not for a JSON body. So a write that carries a body must say it is JSON, and a write from
 * a page, which the browser marks with {@code Origin}, must come from a page this service served.
 * API clients that are not browsers send no {@code Origin} and are unaffected.
 */
final class BrowserWrites {
  private BrowserWrites() {}

  /**
   * Lets a write through or refuses it.
   *
   * @throws ProblemException (403) when {@code Origin} names another site than {@code Host}; (415)
   *     when the body, or a declared {@code Content-Type}, is not JSON
   */
  static void check(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getRequestHeaders();
    String origin = headers.getFirst(Headers.ORIGIN);
    if (origin != null && !sameSite(origin, headers.getFirst(Headers.HOST))) {
      throw Problem.of(
              ProblemType.FORBIDDEN,
              "a page on "
                  + Echo.of(origin)
                  + " may not change agents here; only API clients and pages this service"
                  + " serves may")
          .toException();
    }

    String contentType = headers.getFirst(Headers.CONTENT_TYPE);
    boolean json = MediaType.essence(contentType).equals(MediaType.JSON);
    if (contentType != null ? !json : hasBody(exchange)) {
      String sent =
          contentType == null ? "no Content-Type" : "Content-Type " + Echo.of(contentType);
      throw Problem.of(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              sent + " was sent; send the body as " + MediaType.JSON)
          .toException();
    }
  }

  private static boolean hasBody(HttpServerExchange exchange) {
    return ContentLength.declared(exchange) > 0
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  /** True when the origin's host and port are those the request was addressed to. */
  private static boolean sameSite(String origin, @Nullable String host) {
    if (host == null) {
      return false;
    }
    try {
      URI from = new URI(origin.strip());
      // "null", which a browser sends for a sandboxed or privacy-sensitive page, names no host.
      if (from.getScheme() == null || from.getHost() == null) {
        return false;
      }
      URI to = new URI(from.getScheme() + "://" + host.strip());
      return from.getHost().equalsIgnoreCase(to.getHost()) && port(from) == port(to);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }
}
