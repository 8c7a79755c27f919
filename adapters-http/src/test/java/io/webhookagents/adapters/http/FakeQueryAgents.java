package io.webhookagents.adapters.http;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.AgentDetails;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.in.QueryAgents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers from agents the test puts in, and records every query. */
final class FakeQueryAgents implements QueryAgents {
  final List<AgentQuery> queries = new CopyOnWriteArrayList<>();
  final Map<AgentId, AgentDetails> details = new ConcurrentHashMap<>();
  volatile AgentPage page = new AgentPage(List.of(), null);

  @Override
  public Optional<AgentDetails> find(AgentId id) {
    return Optional.ofNullable(details.get(id));
  }

  @Override
  public AgentPage list(AgentQuery query) {
    queries.add(query);
    return page;
  }
}
