package io.webhookagents.domain;

import java.util.Objects;

/**
 * One checked change to an agent: its state before, its state after and the timeline line that
 * records the change. A store applies it only while the stored agent still has {@code before}'s
 * status, so two writers cannot both move the same agent.
 */
public record AgentChange(Agent before, Agent after, StatusEvent event) {
  public AgentChange {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(event, "event");
    if (!before.id().equals(after.id())) {
      throw new IllegalArgumentException(
          "a change cannot turn agent " + before.id() + " into " + after.id());
    }
  }
}
