package io.webhookagents.ports.in;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.StatusEvent;
import java.util.List;

/** An agent and its timeline, oldest line first. */
public record AgentDetails(Agent agent, List<StatusEvent> events) {
  public AgentDetails {
    events = List.copyOf(events);
  }
}
