package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentId;
import org.jspecify.annotations.Nullable;

/** Whether {@link AgentStore#recordDelivery} wrote the delivery or found it already there. */
public sealed interface RecordOutcome
    permits RecordOutcome.Recorded, RecordOutcome.AlreadySeen, RecordOutcome.CapReached {

  record Recorded() implements RecordOutcome {}

  /** The delivery was recorded before; {@code agentId} is the agent it created, if any. */
  record AlreadySeen(@Nullable AgentId agentId) implements RecordOutcome {}

  /** The subject's cap was reached: the delivery was recorded as ignored, with no agent. */
  record CapReached() implements RecordOutcome {}
}
