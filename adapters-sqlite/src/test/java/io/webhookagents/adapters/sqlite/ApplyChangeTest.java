package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.out.AgentStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyChangeTest {
  private static final String OWNER = "dispatcher-1";

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
  void apply_storesTheNewStateAndAppendsItsEvent() {
    Agent agent = record(store, pending(1));
    AgentChange change = agent.sessionCreated("session-1", T0.plusSeconds(10));

    boolean applied = store.apply(change);

    assertThat(applied).isTrue();
    assertThat(store.find(agent.id())).contains(change.after());
    assertThat(store.timeline(agent.id())).containsExactly(firstEvent(agent), change.event());
  }

  @Test
  void apply_fromAStaleStatus_returnsFalseAndWritesNothing() {
    Agent agent = record(store, pending(1));
    AgentChange cancel = agent.cancelled("cancelled by operator", T0.plusSeconds(5));
    store.apply(cancel);
    AgentChange late = agent.sessionCreated("session-1", T0.plusSeconds(10));

    boolean applied = store.apply(late);

    assertThat(applied).isFalse();
    assertThat(store.find(agent.id())).contains(cancel.after());
    assertThat(store.timeline(agent.id())).containsExactly(firstEvent(agent), cancel.event());
  }

  @Test
  void apply_ofAFailedAttempt_keepsTheStatusAndRecordsTheError() {
    Agent agent = record(store, pending(1));
    AgentChange change = agent.attemptFailed("HTTP 503", "attempt 2 in 1000 ms", T0.plusSeconds(3));

    boolean applied = store.apply(change);

    assertThat(applied).isTrue();
    Agent stored = store.find(agent.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(AgentStatus.PENDING);
    assertThat(stored.lastError()).isEqualTo("HTTP 503");
    assertThat(store.timeline(agent.id())).last().isEqualTo(change.event());
  }

  @Test
  void timeline_listsEventsOldestFirst() {
    Agent agent = record(store, pending(1));
    AgentChange session = agent.sessionCreated("s", T0.plusSeconds(2));
    AgentChange task = session.after().taskSubmitted("t", T0.plusSeconds(3));
    AgentChange done = task.after().completed("all green", T0.plusSeconds(4));

    store.apply(session);
    store.apply(task);
    store.apply(done);

    assertThat(store.timeline(agent.id()))
        .containsExactly(firstEvent(agent), session.event(), task.event(), done.event());
  }

  @Test
  void timeline_keepsOrderOfEventsWithTheSameTime() {
    Agent agent = record(store, pending(1));
    AgentChange first = agent.attemptFailed("one", "retry", agent.createdAt());
    AgentChange second = first.after().attemptFailed("two", "retry", agent.createdAt());

    store.apply(first);
    store.apply(second);

    assertThat(store.timeline(agent.id()))
        .extracting(StatusEvent::detail)
        .containsExactly(firstEvent(agent).detail(), "one; retry", "two; retry");
  }

  @Test
  void apply_leavesAttemptsCountedByAClaim() {
    Agent readBeforeClaim = record(store, pending(1));
    store.claimForDispatch(1, OWNER, T0.plusSeconds(5), T0.plusSeconds(65));

    store.apply(readBeforeClaim.cancelled("cancelled by operator", T0.plusSeconds(6)));

    assertThat(store.find(readBeforeClaim.id()).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void apply_releasesTheLease_onlyOnceTheAgentRuns() throws Exception {
    Agent agent = record(store, pending(1));
    Instant now = T0.plusSeconds(5);
    Agent claimed = store.claimForDispatch(1, OWNER, now, now.plusSeconds(60)).get(0);

    AgentChange session = claimed.sessionCreated("s", now);
    store.apply(session);
    String ownerAfterSession = RawRows.leaseOwner(directory, agent.id());
    store.apply(session.after().taskSubmitted("t", now));

    assertThat(ownerAfterSession).isEqualTo(OWNER);
    assertThat(RawRows.leaseOwner(directory, agent.id())).isNull();
  }

  @Test
  void apply_toAFinalStatus_releasesTheLease() throws Exception {
    Agent agent = record(store, pending(1));
    Instant now = T0.plusSeconds(5);
    Agent claimed = store.claimForDispatch(1, OWNER, now, now.plusSeconds(60)).get(0);

    store.apply(claimed.failed("HTTP 400 bad request", now));

    assertThat(RawRows.leaseOwner(directory, agent.id())).isNull();
  }

  @Test
  void runningSince_findsAgentsWhoseTaskStartedBeforeTheTime_oldestFirst() {
    Agent startedSecond = startRunning(record(store, pending(1)), T0.plusSeconds(100));
    Agent startedFirst = startRunning(record(store, pending(2)), T0.plusSeconds(50));
    startRunning(record(store, pending(3)), T0.plusSeconds(300));
    Agent ended = startRunning(record(store, pending(4)), T0.plusSeconds(10));
    store.apply(ended.completed("done", T0.plusSeconds(20)));

    List<Agent> running = store.runningSince(T0.plusSeconds(200), 10);

    assertThat(running)
        .extracting(Agent::id)
        .containsExactly(startedFirst.id(), startedSecond.id());
  }

  @Test
  void runningSince_measuresFromTheTaskStart_notFromLaterUpdates() {
    Agent running = startRunning(record(store, pending(1)), T0.plusSeconds(10));
    store.apply(running.attemptFailed("poll failed", "polling again", T0.plusSeconds(500)));

    List<Agent> found = store.runningSince(T0.plusSeconds(200), 10);

    assertThat(found).extracting(Agent::id).containsExactly(running.id());
  }

  @Test
  void runningSince_returnsAtMostMax() {
    startRunning(record(store, pending(1)), T0.plusSeconds(1));
    startRunning(record(store, pending(2)), T0.plusSeconds(2));

    assertThat(store.runningSince(T0.plusSeconds(10), 1))
        .extracting(Agent::id)
        .containsExactly(Fixtures.id(1));
  }

  @Test
  void countActive_countsSessionCreatedAndRunningAgents() {
    record(store, pending(1));
    store.apply(record(store, pending(2)).sessionCreated("s2", T0));
    startRunning(record(store, pending(3)), T0);
    store.apply(startRunning(record(store, pending(4)), T0).completed(null, T0));

    assertThat(store.countActive()).isEqualTo(2);
  }

  @Test
  void countByStatus_countsEveryStatus_withZeroForTheUnused() {
    record(store, pending(1));
    store.apply(record(store, pending(2)).sessionCreated("s2", T0));
    startRunning(record(store, pending(3)), T0);
    store.apply(startRunning(record(store, pending(4)), T0).completed(null, T0));
    store.apply(startRunning(record(store, pending(5)), T0).completed(null, T0));

    assertThat(store.countByStatus())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                io.webhookagents.domain.AgentStatus.PENDING, 1,
                io.webhookagents.domain.AgentStatus.SESSION_CREATED, 1,
                io.webhookagents.domain.AgentStatus.RUNNING, 1,
                io.webhookagents.domain.AgentStatus.COMPLETED, 2,
                io.webhookagents.domain.AgentStatus.FAILED, 0,
                io.webhookagents.domain.AgentStatus.CANCELLED, 0));
  }

  /** Takes a pending agent to running, its task started at {@code at}. */
  private Agent startRunning(Agent agent, Instant at) {
    AgentChange session = agent.sessionCreated("session-" + agent.id(), at);
    AgentChange task = session.after().taskSubmitted("task-" + agent.id(), at);
    store.apply(session);
    store.apply(task);
    return task.after();
  }
}
