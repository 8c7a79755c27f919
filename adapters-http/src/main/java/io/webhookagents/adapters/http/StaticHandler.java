package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Answers every request with the same body, read from this adapter's resources once at start: the
 * dashboard page and the OpenAPI document. Such bodies hold no data, so they need no token.
 */
final class StaticHandler implements HttpHandler {
  private static final String NOSNIFF = "nosniff";

  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers;

  /**
   * @param headers sent with every answer, besides {@code Content-Type} and {@code
   *     X-Content-Type-Options: nosniff}
   */
  StaticHandler(String contentType, byte[] body, Map<String, String> headers) {
    this.contentType = contentType;
    this.body = body.clone();
    this.headers = Map.copyOf(headers);
  }

  /**
   * The bytes of a resource beside this class.
   *
   * @throws IllegalStateException when the resource is not packaged, so the server fails to build
   *     rather than answer 404 for it later
   */
  static byte[] resource(String name) {
    try (InputStream in = StaticHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from adapters-http");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), NOSNIFF);
    headers.forEach(
        (name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));

    Responses.send(exchange, 200, contentType, body);
  }
}
