package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.QueryAgents;

/** {@code GET /agents}: a page of agents, newest first, with a {@code Link} to the next page. */
final class ListAgentsHandler implements HttpHandler {
  private static final HttpString LINK = HttpString.tryFromString("Link");

  private final QueryAgents queries;

  ListAgentsHandler(QueryAgents queries) {
    this.queries = queries;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    ListParameters parameters = ListParameters.from(exchange.getQueryParameters());

    AgentPage page = queries.list(parameters.query());

    if (page.next() != null) {
      exchange.getResponseHeaders().put(LINK, parameters.nextLink(page.next()));
    }
    Responses.json(exchange, 200, AgentJson.list(page.agents()));
  }
}
