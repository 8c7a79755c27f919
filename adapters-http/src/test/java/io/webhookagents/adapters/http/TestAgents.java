package io.webhookagents.adapters.http;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import java.time.Instant;

/** Agents for API tests, with the optional fields left null. */
final class TestAgents {
  static final Instant CREATED = Instant.parse("2026-12-04T15:40:00.123Z");

  private TestAgents() {}

  static Agent agent(String id, AgentStatus status) {
    return new Agent(
        new AgentId(id),
        Source.GITHUB,
        "issues",
        "opened",
        "delivery-" + id,
        "octo-org/demo",
        "octo-org/demo#42",
        null,
        "Investigate issue #42",
        status,
        null,
        null,
        0,
        null,
        CREATED,
        CREATED);
  }
}
