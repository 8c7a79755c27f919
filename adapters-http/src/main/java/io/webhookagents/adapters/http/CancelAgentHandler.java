package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.ChangeAgents;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /agents/{id}/cancel}, with an optional {@code {"reason": "..."}} body. */
final class CancelAgentHandler implements BodyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CancelAgentHandler.class);
  static final String DEFAULT_REASON = "cancelled through the API";

  private final ChangeAgents changes;

  CancelAgentHandler(ChangeAgents changes) {
    this.changes = changes;
  }

  @Override
  public long maxBodyBytes() {
    return ReportOutcomeHandler.MAX_BODY_BYTES;
  }

  @Override
  public void admit(HttpServerExchange exchange) {
    BrowserWrites.check(exchange);
    ContentLength.check(exchange, maxBodyBytes());
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    AgentId id = Router.agentId(exchange);
    String reason = reason(BodyIntake.body(exchange));

    Agent agent = changes.cancel(id, reason);

    if (reason.equals(DEFAULT_REASON)) {
      LOG.info("agent {}: cancelled through the API", id);
    } else {
      LOG.info("agent {}: cancelled through the API, reason: {}", id, Echo.of(reason));
    }
    Responses.json(exchange, 200, AgentJson.agent(agent));
  }

  private static String reason(byte[] body) {
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return DEFAULT_REASON;
    }
    String reason = JsonFieldReader.read(body, Set.of("reason")).optionalString("reason");
    return reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
  }
}
