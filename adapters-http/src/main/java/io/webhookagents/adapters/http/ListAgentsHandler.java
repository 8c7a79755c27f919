package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.QueryAgents;
import java.io.IOException;

/**
 * {@code GET /agents}: a page of agents, newest first, with a {@code Link} to the next page.
 *
 * <p>{@code before} must name a stored agent, as the {@code Link} it comes from always does (agents
 * are never deleted): an id that merely looks like one, such as {@code before=xyz}, would otherwise
 * page from wherever it sorts and answer as if it meant something.
 */
final class ListAgentsHandler implements HttpHandler {
  private static final HttpString LINK = HttpString.tryFromString("Link");

  private final QueryAgents queries;
  private final PageReads pageReads = new PageReads();

  ListAgentsHandler(QueryAgents queries) {
    this.queries = queries;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws IOException {
    ListParameters parameters = ListParameters.from(exchange.getQueryString());
    AgentId before = parameters.query().before();
    if (before != null && queries.find(before).isEmpty()) {
      throw ListParameters.invalidBefore(before.value());
    }

    try (PageReads.Turn turn = pageReads.take()) {
      AgentPage page = queries.list(parameters.query());

      if (page.next() != null) {
        exchange.getResponseHeaders().put(LINK, parameters.nextLink(page.next()));
      }
      Responses.streamJson(exchange, 200, AgentJson.list(page.agents()));
    }
  }
}
