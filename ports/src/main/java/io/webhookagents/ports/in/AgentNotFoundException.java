package io.webhookagents.ports.in;

import io.webhookagents.domain.AgentId;

/** Thrown when a caller names an agent that does not exist. */
public final class AgentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentNotFoundException(AgentId id) {
    super("no agent " + id);
  }
}
