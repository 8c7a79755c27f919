package io.webhookagents.domain;

/** Thrown when a change would move an agent along a transition the lifecycle does not have. */
public final class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AgentId agentId;
  private final AgentStatus current;
  private final AgentStatus requested;

  public IllegalTransitionException(AgentId agentId, AgentStatus current, AgentStatus requested) {
    super(
        "agent "
            + agentId
            + " cannot move from "
            + current.wireName()
            + " to "
            + requested.wireName());
    this.agentId = agentId;
    this.current = current;
    this.requested = requested;
  }

  public AgentId agentId() {
    return agentId;
  }

  public AgentStatus current() {
    return current;
  }

  public AgentStatus requested() {
    return requested;
  }
}
