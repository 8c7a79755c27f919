package io.webhookagents.ports.in;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import org.jspecify.annotations.Nullable;

/** Changes an agent's state on behalf of an operator, the agent itself or a callback. */
public interface ChangeAgents {

  /**
   * Records that the agent ended as {@code outcome} ({@code completed} or {@code failed}).
   *
   * @throws AgentNotFoundException when there is no such agent
   * @throws io.webhookagents.domain.IllegalTransitionException when the lifecycle forbids it
   * @throws IllegalArgumentException when {@code outcome} is neither completed nor failed
   */
  Agent reportOutcome(AgentId id, AgentStatus outcome, @Nullable String detail);

  /**
   * Cancels the agent; {@code reason} goes to its timeline.
   *
   * @throws AgentNotFoundException when there is no such agent
   * @throws io.webhookagents.domain.IllegalTransitionException when it has already ended
   */
  Agent cancel(AgentId id, String reason);
}
