package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentId;
import java.util.Objects;

/** A request to run {@code prompt} as a task on session {@code sessionId}. */
public record TaskRequest(
    AgentId agentId, String repo, String sessionId, String prompt, String idempotencyKey) {
  public TaskRequest {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
