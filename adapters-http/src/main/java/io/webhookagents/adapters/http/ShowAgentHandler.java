package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.AgentDetails;
import io.webhookagents.ports.in.QueryAgents;

/** {@code GET /agents/{id}}: one agent with its timeline, oldest line first. */
final class ShowAgentHandler implements HttpHandler {
  private final QueryAgents queries;

  ShowAgentHandler(QueryAgents queries) {
    this.queries = queries;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    AgentId id = Router.agentId(exchange);

    AgentDetails details =
        queries
            .find(id)
            .orElseThrow(() -> Problem.of(ProblemType.NOT_FOUND, "no agent " + id).toException());

    Responses.json(exchange, 200, AgentJson.details(details));
  }
}
