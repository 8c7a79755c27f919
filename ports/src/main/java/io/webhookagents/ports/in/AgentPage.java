package io.webhookagents.ports.in;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of agents, newest first.
 *
 * @param next the value of {@code before} that gives the next page; null on the last page
 */
public record AgentPage(List<Agent> agents, @Nullable AgentId next) {
  public AgentPage {
    agents = List.copyOf(agents);
  }
}
