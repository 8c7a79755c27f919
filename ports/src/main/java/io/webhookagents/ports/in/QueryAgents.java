package io.webhookagents.ports.in;

import io.webhookagents.domain.AgentId;
import java.util.Optional;

/** Reads agents for the API and the dashboard. */
public interface QueryAgents {

  /** The agent with its timeline, oldest line first; empty when there is no such agent. */
  Optional<AgentDetails> find(AgentId id);

  /** One page of agents, newest first, that match the query. */
  AgentPage list(AgentQuery query);
}
