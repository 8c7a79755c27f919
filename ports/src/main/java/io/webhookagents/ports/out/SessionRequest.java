package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentId;
import java.util.Objects;

/** A request for a session in which an agent will work on {@code repo}. */
public record SessionRequest(
    AgentId agentId, String repo, String description, String idempotencyKey) {
  public SessionRequest {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
