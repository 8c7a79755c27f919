package io.webhookagents.adapters.http;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.AgentNotFoundException;
import io.webhookagents.ports.in.ChangeAgents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Moves agents the test puts in through the real lifecycle, and records every call. */
final class FakeChangeAgents implements ChangeAgents {
  static final Instant NOW = Instant.parse("2026-12-04T16:00:00.456Z");

  final Map<AgentId, Agent> agents = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  void put(Agent agent) {
    agents.put(agent.id(), agent);
  }

  @Override
  public Agent reportOutcome(AgentId id, AgentStatus outcome, String detail) {
    calls.add("reportOutcome " + id + " " + outcome + " " + detail);
    Agent agent = find(id);
    Agent after;
    if (outcome == AgentStatus.COMPLETED) {
      after = agent.completed(detail, NOW).after();
    } else if (outcome == AgentStatus.FAILED) {
      after = agent.failed(detail == null ? "failed" : detail, NOW).after();
    } else {
      throw new IllegalArgumentException("outcome must be completed or failed: " + outcome);
    }
    agents.put(id, after);
    return after;
  }

  @Override
  public Agent cancel(AgentId id, String reason) {
    calls.add("cancel " + id + " " + reason);
    Agent after = find(id).cancelled(reason, NOW).after();
    agents.put(id, after);
    return after;
  }

  private Agent find(AgentId id) {
    Agent agent = agents.get(id);
    if (agent == null) {
      throw new AgentNotFoundException(id);
    }
    return agent;
  }
}
