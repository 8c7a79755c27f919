package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.webhookagents.ports.in.ScrapeMetrics;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every metric's current value, in the format a collector scrapes. */
final class MetricsHandler implements HttpHandler {
  private final ScrapeMetrics metrics;

  MetricsHandler(ScrapeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);

    Responses.send(exchange, 200, metrics.contentType(), body);
  }
}
