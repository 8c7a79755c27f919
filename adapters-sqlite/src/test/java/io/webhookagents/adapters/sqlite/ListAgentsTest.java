package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.id;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.out.AgentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListAgentsTest {
  @TempDir Path directory;
  private SqliteDatabase database;
  private AgentStore store;

  @BeforeEach
  void open() {
    database = TestDatabases.openIn(directory);
    store = database.agentStore();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void list_returnsNewestFirst_atMostTheLimit() {
    for (int n = 1; n <= 5; n++) {
      record(store, pending(n));
    }

    List<Agent> page = store.list(query(null, null, null, 3, null));

    assertThat(page).extracting(Agent::id).containsExactly(id(5), id(4), id(3));
  }

  @Test
  void list_withBefore_returnsOnlyOlderAgents() {
    for (int n = 1; n <= 5; n++) {
      record(store, pending(n));
    }

    List<Agent> page = store.list(query(null, null, null, 10, id(3)));

    assertThat(page).extracting(Agent::id).containsExactly(id(2), id(1));
  }

  @Test
  void list_pagedWithBefore_visitsEveryAgentOnce() {
    for (int n = 1; n <= 7; n++) {
      record(store, pending(n));
    }

    List<AgentId> seen = new ArrayList<>();
    AgentId before = null;
    for (int pages = 0; pages < 10; pages++) {
      List<Agent> page = store.list(query(null, null, null, 3, before));
      if (page.isEmpty()) {
        break;
      }
      page.forEach(agent -> seen.add(agent.id()));
      before = page.get(page.size() - 1).id();
    }

    assertThat(seen).containsExactly(id(7), id(6), id(5), id(4), id(3), id(2), id(1));
  }

  @Test
  void list_filtersByStatus() {
    record(store, pending(1));
    Agent cancelled = record(store, pending(2));
    store.apply(cancelled.cancelled("by operator", T0.plusSeconds(9)));

    List<Agent> page = store.list(query(AgentStatus.CANCELLED, null, null, 10, null));

    assertThat(page).extracting(Agent::id).containsExactly(cancelled.id());
  }

  @Test
  void list_filtersBySourceAndRepo() {
    record(store, pending(1, Source.GITHUB, "octo-org/api"));
    record(store, pending(2, Source.LINEAR, "octo-org/api"));
    record(store, pending(3, Source.GITHUB, "octo-org/web"));
    record(store, pending(4, Source.GITHUB, "octo-org/api"));

    List<Agent> bySource = store.list(query(null, Source.GITHUB, null, 10, null));
    List<Agent> byRepo = store.list(query(null, null, "octo-org/api", 10, null));
    List<Agent> byBoth = store.list(query(null, Source.GITHUB, "octo-org/api", 10, null));

    assertThat(bySource).extracting(Agent::id).containsExactly(id(4), id(3), id(1));
    assertThat(byRepo).extracting(Agent::id).containsExactly(id(4), id(2), id(1));
    assertThat(byBoth).extracting(Agent::id).containsExactly(id(4), id(1));
  }

  @Test
  void list_treatsFilterValuesAsData() {
    record(store, pending(1, Source.GITHUB, "octo-org/api"));

    List<Agent> page = store.list(query(null, null, "x' OR '1'='1", 10, null));

    assertThat(page).isEmpty();
  }

  private static AgentQuery query(
      @Nullable AgentStatus status,
      @Nullable Source source,
      @Nullable String repo,
      int limit,
      @Nullable AgentId before) {
    return new AgentQuery(status, source, repo, limit, before);
  }
}
