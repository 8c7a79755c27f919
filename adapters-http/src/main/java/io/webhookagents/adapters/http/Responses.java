package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Sends JSON answers, problems and other bodies: from a worker thread with the exchange in blocking
 * mode, or from the IO thread without blocking, as {@link Router} refuses a request before its body
 * is read.
 */
final class Responses {
  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";

  private Responses() {}

  static void json(HttpServerExchange exchange, int status, byte[] body) {
    send(exchange, status, JSON, body);
  }

  static void problem(HttpServerExchange exchange, Problem problem) {
    HeaderMap headers = exchange.getResponseHeaders();
    for (Map.Entry<String, String> header : problem.headers().entrySet()) {
      headers.put(HttpString.tryFromString(header.getKey()), header.getValue());
    }

    byte[] body =
        Json.write(
            writer ->
                writer
                    .beginObject()
                    .name("type")
                    .value(problem.type().uri())
                    .name("title")
                    .value(problem.type().title())
                    .name("status")
                    .value(problem.status())
                    .name("detail")
                    .value(problem.detail())
                    .endObject());
    send(exchange, problem.status(), PROBLEM_JSON, body);
  }

  /**
   * Sends a JSON body written as it goes, in chunks, rather than whole: for large answers, on a
   * worker thread with the exchange in blocking mode.
   */
  static void streamJson(HttpServerExchange exchange, int status, Json.Body body)
      throws IOException {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    // On a failure the stream stays open; the caller closes the connection, which tells the
    // client the answer is cut short.
    Json.writeTo(exchange.getOutputStream(), body);
  }

  /** Sends {@code body} as it is, with the given media type. */
  static void send(HttpServerExchange exchange, int status, String type, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
