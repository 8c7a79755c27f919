package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.RecordOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers and readers at once, as under a burst of webhooks while dispatch runs. */
class ConcurrentWritesTest {
  private static final int DELIVERIES = 200;
  private static final int SENDERS = 16;

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
  void burstOfDeliveries_whileDispatching_allCommitWithoutLockErrors() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 2);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean sending = new AtomicBoolean(true);

    Future<Integer> dispatcher = pool.submit(() -> dispatchWhile(sending, start));
    Future<Integer> reader = pool.submit(() -> readWhile(sending, start));
    List<Future<RecordOutcome>> sent = new ArrayList<>();
    for (int n = 1; n <= DELIVERIES; n++) {
      Agent agent = pending(n);
      sent.add(
          pool.submit(
              () -> {
                start.await();
                return store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));
              }));
    }
    start.countDown();
    for (Future<RecordOutcome> outcome : sent) {
      assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo(new RecordOutcome.Recorded());
    }
    sending.set(false);
    int moved = dispatcher.get(60, TimeUnit.SECONDS);
    reader.get(60, TimeUnit.SECONDS);
    pool.shutdown();

    List<Agent> stored = store.list(new AgentQuery(null, null, null, AgentQuery.MAX_LIMIT, null));
    assertThat(stored).hasSize(DELIVERIES);
    assertThat(stored).extracting(Agent::status).containsOnly(AgentStatus.SESSION_CREATED);
    assertThat(moved).isEqualTo(DELIVERIES);
  }

  /** Claims and moves agents on until the senders are done and nothing is left to claim. */
  private int dispatchWhile(AtomicBoolean sending, CountDownLatch start) throws Exception {
    start.await();
    Instant now = T0.plusSeconds(10_000);
    int moved = 0;
    boolean claimedSome = true;
    while (sending.get() || claimedSome) {
      List<Agent> batch = store.claimForDispatch(5, "dispatcher", now, now.plusSeconds(60));
      for (Agent claimed : batch) {
        if (store.apply(claimed.sessionCreated("session-" + claimed.id(), now))) {
          moved++;
        }
      }
      claimedSome = !batch.isEmpty();
    }
    return moved;
  }

  private int readWhile(AtomicBoolean sending, CountDownLatch start) throws Exception {
    start.await();
    int reads = 0;
    while (sending.get()) {
      store.list(new AgentQuery(AgentStatus.PENDING, null, null, 50, null));
      store.countActive();
      reads++;
    }
    return reads;
  }
}
