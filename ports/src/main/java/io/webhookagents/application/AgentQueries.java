package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.AgentDetails;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.out.AgentStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads agents from the store, a page at a time. */
public final class AgentQueries implements QueryAgents {
  private final AgentStore store;

  public AgentQueries(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<AgentDetails> find(AgentId id) {
    return store.find(id).map(agent -> new AgentDetails(agent, store.timeline(id)));
  }

  @Override
  public AgentPage list(AgentQuery query) {
    // One row more than asked tells whether another page follows without a count query.
    List<Agent> rows = store.list(query.withLimit(query.limit() + 1));
    if (rows.size() <= query.limit()) {
      return new AgentPage(rows, null);
    }
    List<Agent> page = rows.subList(0, query.limit());
    return new AgentPage(page, page.get(page.size() - 1).id());
  }
}
