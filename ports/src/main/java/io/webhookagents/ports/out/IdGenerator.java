package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentId;

/**
 * Makes agent ids. Ids made later compare greater, so that ordering by id orders by creation, and
 * no two are ever the same.
 */
public interface IdGenerator {
  AgentId newAgentId();
}
