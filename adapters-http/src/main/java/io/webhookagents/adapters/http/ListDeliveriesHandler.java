package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.webhookagents.ports.in.DeliveryPage;
import io.webhookagents.ports.in.QueryDeliveries;

/**
 * {@code GET /deliveries}: a page of the delivery audit, newest first, with a {@code Link} to the
 * next page; it says what arrived and why it did or did not start an agent.
 */
final class ListDeliveriesHandler implements HttpHandler {
  private static final HttpString LINK = HttpString.tryFromString("Link");

  private final QueryDeliveries deliveries;

  ListDeliveriesHandler(QueryDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    DeliveryParameters parameters = DeliveryParameters.from(exchange.getQueryString());

    DeliveryPage page = deliveries.list(parameters.query());

    Long next = page.next();
    if (next != null) {
      exchange.getResponseHeaders().put(LINK, parameters.nextLink(next));
    }
    Responses.json(exchange, 200, DeliveryJson.list(page.deliveries()));
  }
}
