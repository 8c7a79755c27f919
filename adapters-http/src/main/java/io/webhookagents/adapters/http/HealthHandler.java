package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /health}: the process serves requests. Needs no token. */
final class HealthHandler implements HttpHandler {
  private static final byte[] OK = Json.status("ok");

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.json(exchange, 200, OK);
  }
}
