package io.webhookagents.ports.out;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.StatusEvent;
import java.util.Objects;

/**
 * What intake records for a delivery that starts an agent: the delivery, the agent and the first
 * line of its timeline.
 */
public record Recording(DeliveryRecord delivery, Agent agent, StatusEvent firstEvent) {
  public Recording {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(firstEvent, "firstEvent");
  }

  /** The recording a store made, and what became of it. */
  public record Made(Recording recording, RecordOutcome outcome) {
    public Made {
      Objects.requireNonNull(recording, "recording");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
