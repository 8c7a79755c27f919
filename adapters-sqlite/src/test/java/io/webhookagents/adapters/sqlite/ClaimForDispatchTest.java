package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.id;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.AgentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimForDispatchTest {
  private static final String OWNER = "dispatcher-1";
  private static final Instant NOW = T0.plus(Duration.ofHours(1));
  private static final Instant LEASE_END = NOW.plusSeconds(60);

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
  void claim_takesTheOldestWaitingAgents_upToMax() {
    record(store, pending(3));
    record(store, pending(1));
    record(store, pending(2));

    List<Agent> claimed = store.claimForDispatch(2, OWNER, NOW, LEASE_END);

    assertThat(claimed).extracting(Agent::id).containsExactly(id(1), id(2));
  }

  @Test
  void claimInOneStatus_takesOnlyTheAgentsInIt_andNeverRunningOnes() {
    Agent pending = record(store, pending(1));
    Agent sessionCreated = apply(record(store, pending(2)).sessionCreated("s2", T0));
    Agent running = apply(record(store, pending(3)).sessionCreated("s3", T0));
    apply(running.taskSubmitted("t3", T0));

    List<Agent> withSessions =
        store.claimForDispatch(AgentStatus.SESSION_CREATED, 10, OWNER, NOW, LEASE_END);
    List<Agent> pendingOnes =
        store.claimForDispatch(AgentStatus.PENDING, 10, OWNER, NOW, LEASE_END);

    assertThat(withSessions).extracting(Agent::id).containsExactly(sessionCreated.id());
    assertThat(pendingOnes).extracting(Agent::id).containsExactly(pending.id());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.claimForDispatch(AgentStatus.RUNNING, 10, OWNER, NOW, LEASE_END));
  }

  @Test
  void claim_countsAnAttempt_andReturnsTheAgentAsStored() {
    Agent agent = record(store, pending(1));

    Agent claimed = store.claimForDispatch(1, OWNER, NOW, LEASE_END).get(0);

    assertThat(claimed).isEqualTo(agent.withAttempt());
    assertThat(store.find(agent.id())).contains(claimed);
  }

  @Test
  void claim_takesSessionCreatedAgents_butNotRunningOrEndedOnes() {
    Agent pending = record(store, pending(1));
    Agent sessionCreated = apply(record(store, pending(2)).sessionCreated("s2", T0));
    Agent running = apply(record(store, pending(3)).sessionCreated("s3", T0));
    apply(running.taskSubmitted("t3", T0));
    apply(record(store, pending(4)).cancelled("by operator", T0));
    apply(record(store, pending(5)).failed("HTTP 400", T0));

    List<Agent> claimed = store.claimForDispatch(10, OWNER, NOW, LEASE_END);

    assertThat(claimed).extracting(Agent::id).containsExactly(pending.id(), sessionCreated.id());
  }

  @Test
  void claim_skipsLeasedAgents_untilTheLeaseRunsOut() {
    record(store, pending(1));
    store.claimForDispatch(1, OWNER, NOW, LEASE_END);

    List<Agent> whileLeased = store.claimForDispatch(1, "dispatcher-2", LEASE_END, NOW);
    List<Agent> afterLease =
        store.claimForDispatch(1, "dispatcher-2", LEASE_END.plusMillis(1), NOW.plusSeconds(300));

    assertThat(whileLeased).isEmpty();
    assertThat(afterLease).extracting(Agent::attempts).containsExactly(2);
  }

  @Test
  void scheduledRetry_isNotClaimedBeforeItIsDue() {
    record(store, pending(1));
    Agent claimed = store.claimForDispatch(1, OWNER, NOW, LEASE_END).get(0);
    Instant due = NOW.plusSeconds(30);
    AgentChange retry = claimed.attemptFailed("HTTP 503", "attempt 2 in 30000 ms", NOW);

    boolean scheduled = store.scheduleRetry(retry, due);

    assertThat(scheduled).isTrue();
    assertThat(store.claimForDispatch(1, OWNER, due.minusMillis(1), LEASE_END)).isEmpty();
    assertThat(store.claimForDispatch(1, OWNER, due, due.plusSeconds(60)))
        .extracting(Agent::id, Agent::attempts, Agent::lastError)
        .containsExactly(tuple(claimed.id(), 2, "HTTP 503"));
  }

  @Test
  void scheduleRetry_fromAStaleStatus_returnsFalseAndWritesNothing() {
    Agent agent = record(store, pending(1));
    Agent claimed = store.claimForDispatch(1, OWNER, NOW, LEASE_END).get(0);
    apply(agent.cancelled("by operator", NOW));

    boolean scheduled =
        store.scheduleRetry(claimed.attemptFailed("HTTP 503", "later", NOW), NOW.plusSeconds(5));

    assertThat(scheduled).isFalse();
    assertThat(store.timeline(agent.id())).hasSize(2);
  }

  @Test
  void releaseLease_byItsOwner_makesTheAgentClaimableAgain() {
    Agent agent = record(store, pending(1));
    store.claimForDispatch(1, OWNER, NOW, LEASE_END);

    store.releaseLease(agent.id(), OWNER);

    assertThat(store.claimForDispatch(1, "dispatcher-2", NOW, LEASE_END))
        .extracting(Agent::id)
        .containsExactly(agent.id());
  }

  @Test
  void releaseLease_bySomeoneElse_leavesTheLease() {
    Agent agent = record(store, pending(1));
    store.claimForDispatch(1, OWNER, NOW, LEASE_END);

    store.releaseLease(agent.id(), "dispatcher-2");

    assertThat(store.claimForDispatch(1, "dispatcher-2", NOW, LEASE_END)).isEmpty();
  }

  @Test
  void releaseAllLeases_freesEveryLeasedAgent() {
    record(store, pending(1));
    record(store, pending(2));
    record(store, pending(3));
    store.claimForDispatch(2, OWNER, NOW, LEASE_END);

    int released = store.releaseAllLeases();

    assertThat(released).isEqualTo(2);
    assertThat(store.claimForDispatch(10, "dispatcher-2", NOW, LEASE_END)).hasSize(3);
  }

  @Test
  void claim_withNoRoom_claimsNothing() {
    record(store, pending(1));

    assertThat(store.claimForDispatch(0, OWNER, NOW, LEASE_END)).isEmpty();
    assertThat(store.claimForDispatch(1, OWNER, NOW, LEASE_END)).hasSize(1);
  }

  @Test
  void claimersInParallel_neverTakeTheSameAgent() throws Exception {
    int agents = 300;
    for (int n = 1; n <= agents; n++) {
      record(store, pending(n));
    }
    int claimers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    CountDownLatch start = new CountDownLatch(1);

    List<Future<List<AgentId>>> results = new ArrayList<>();
    for (int c = 0; c < claimers; c++) {
      String owner = "dispatcher-" + c;
      results.add(pool.submit(() -> claimUntilNoneLeft(owner, start)));
    }
    start.countDown();
    List<AgentId> claimed = new ArrayList<>();
    for (Future<List<AgentId>> result : results) {
      claimed.addAll(result.get());
    }
    pool.shutdown();

    assertThat(claimed).hasSize(agents).doesNotHaveDuplicates();
  }

  private List<AgentId> claimUntilNoneLeft(String owner, CountDownLatch start)
      throws InterruptedException {
    start.await();
    List<AgentId> mine = new ArrayList<>();
    while (true) {
      List<Agent> batch = store.claimForDispatch(7, owner, NOW, LEASE_END);
      if (batch.isEmpty()) {
        return mine;
      }
      batch.forEach(agent -> mine.add(agent.id()));
    }
  }

  private Agent apply(AgentChange change) {
    assertThat(store.apply(change)).isTrue();
    return change.after();
  }
}
