package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.ChangeAgents;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /agents/{id}/status} with {@code {"status": "completed" | "failed", "detail"}}: how
 * an agent, a callback or an operator reports how an agent ended.
 */
final class ReportOutcomeHandler implements BodyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReportOutcomeHandler.class);
  static final long MAX_BODY_BYTES = 64 * 1024;

  private final ChangeAgents changes;

  ReportOutcomeHandler(ChangeAgents changes) {
    this.changes = changes;
  }

  @Override
  public long maxBodyBytes() {
    return MAX_BODY_BYTES;
  }

  @Override
  public void admit(HttpServerExchange exchange) {
    BrowserWrites.check(exchange);
    ContentLength.check(exchange, MAX_BODY_BYTES);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    AgentId id = Router.agentId(exchange);
    JsonFields body = JsonFieldReader.read(BodyIntake.body(exchange), Set.of("status", "detail"));
    AgentStatus outcome = outcome(body.requireString("status"));
    String detail = body.optionalString("detail");

    Agent agent = report(id, outcome, detail);

    LOG.info("agent {}: reported {} through the API", id, outcome);
    Responses.json(exchange, 200, AgentJson.agent(agent));
  }

  private Agent report(AgentId id, AgentStatus outcome, @Nullable String detail) {
    try {
      return changes.reportOutcome(id, outcome, detail);
    } catch (IllegalArgumentException e) {
      throw Problem.of(ProblemType.INVALID_REQUEST, String.valueOf(e.getMessage())).toException();
    }
  }

  private static AgentStatus outcome(String status) {
    if (status.equals("completed")) {
      return AgentStatus.COMPLETED;
    }
    if (status.equals("failed")) {
      return AgentStatus.FAILED;
    }
    throw Problem.of(
            ProblemType.INVALID_REQUEST,
            "status must be completed or failed, was '" + Echo.of(status) + "'")
        .toException();
  }
}
