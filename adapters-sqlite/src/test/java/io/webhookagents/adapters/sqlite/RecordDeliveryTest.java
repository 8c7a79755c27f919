package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import java.nio.file.Path;
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

class RecordDeliveryTest {
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
  void recordedAgent_isFoundWithEveryFieldAsGiven() {
    Agent agent =
        new Agent(
            new AgentId("01JABCDEF-xyz_9"),
            Source.LINEAR,
            "Comment",
            "create",
            "linear-delivery-1",
            "octo-org/api",
            "ENG-42",
            "https://linear.app/octo/issue/ENG-42",
            "Répare le bug 🐛 — 修复 \"quotes\" 'and' \\ back\nslash\u0000nul",
            AgentStatus.SESSION_CREATED,
            "session-7",
            "task-8",
            3,
            "HTTP 503 from controller ✗",
            Instant.parse("2025-01-02T03:04:05.678Z"),
            Instant.parse("2025-01-02T03:04:06.001Z"));

    store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));

    assertThat(store.find(agent.id())).contains(agent);
  }

  @Test
  void recordedAgent_keepsAbsentFieldsNull() {
    Agent agent =
        new Agent(
            new AgentId("a1"),
            Source.SLACK,
            "app_mention",
            null,
            "Ev123",
            "octo-org/web",
            "C1/1700000000.000100",
            null,
            "prompt",
            AgentStatus.PENDING,
            null,
            null,
            0,
            null,
            Instant.EPOCH,
            Instant.EPOCH);

    store.recordDelivery(createdDelivery(agent), agent, null);

    assertThat(store.find(agent.id())).contains(agent);
    assertThat(store.timeline(agent.id())).isEmpty();
  }

  @Test
  void recordedAgent_startsItsTimelineWithTheFirstEvent() {
    Agent agent = pending(1);

    store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));

    assertThat(store.timeline(agent.id())).containsExactly(firstEvent(agent));
  }

  @Test
  void unknownAgent_isNotFoundAndHasNoTimeline() {
    assertThat(store.find(new AgentId("missing"))).isEmpty();
    assertThat(store.timeline(new AgentId("missing"))).isEmpty();
  }

  @Test
  void redelivery_returnsTheFirstAgent_andWritesNoAgent() {
    Agent first = pending(1);
    store.recordDelivery(createdDelivery(first), first, firstEvent(first));
    Agent second = sameDeliveryAs(first, 2);

    RecordOutcome outcome =
        store.recordDelivery(createdDelivery(second), second, firstEvent(second));

    assertThat(outcome).isEqualTo(new RecordOutcome.AlreadySeen(first.id()));
    assertThat(store.find(second.id())).isEmpty();
    assertThat(store.timeline(second.id())).isEmpty();
    assertThat(allAgents()).containsExactly(first);
  }

  @Test
  void redelivery_isLoggedAsADuplicateNamingTheFirstAgent() {
    Agent first = pending(1);
    store.recordDelivery(createdDelivery(first), first, firstEvent(first));
    Instant again = T0.plusSeconds(60);
    DeliveryRecord redelivered =
        new DeliveryRecord(
            first.source(),
            first.deliveryId(),
            "issues.reopened",
            DeliveryRecord.CREATED,
            null,
            new AgentId("never-created"),
            again);

    store.recordDelivery(redelivered, sameDeliveryAs(first, 2), null);

    assertThat(allDeliveries())
        .containsExactly(
            new DeliveryRecord(
                first.source(),
                first.deliveryId(),
                "issues.reopened",
                DeliveryRecord.DUPLICATE,
                "delivered before at 2025-03-04T05:06:08.089Z (decision: created)",
                first.id(),
                again),
            createdDelivery(first));
  }

  @Test
  void everyRedelivery_isLogged_andStillNamesTheFirstAgent() {
    Agent first = record(store, pending(1));

    RecordOutcome second = store.recordDelivery(createdDelivery(first), null, null);
    RecordOutcome third = store.recordDelivery(createdDelivery(first), null, null);

    assertThat(List.of(second, third)).containsOnly(new RecordOutcome.AlreadySeen(first.id()));
    assertThat(allDeliveries())
        .extracting(DeliveryRecord::decision, DeliveryRecord::agentId)
        .containsExactly(
            tuple(DeliveryRecord.DUPLICATE, first.id()),
            tuple(DeliveryRecord.DUPLICATE, first.id()),
            tuple(DeliveryRecord.CREATED, first.id()));
  }

  @Test
  void redeliveriesPastTheRowsKept_leaveTheNewestRows_andAreAllCountedOnTheOriginal() {
    Agent first = record(store, pending(1));
    int again = DeliveryRows.DUPLICATE_ROWS + 5;

    List<RecordOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < again; i++) {
      outcomes.add(store.recordDelivery(createdDelivery(first), null, null));
    }

    assertThat(outcomes).hasSize(again).containsOnly(new RecordOutcome.AlreadySeen(first.id()));
    List<StoredDelivery> log = allStoredDeliveries();
    // The original is row 1 and its redeliveries rows 2 to 16: rows 7 to 16 are the newest ten.
    assertThat(log)
        .extracting(StoredDelivery::id)
        .containsExactly(16L, 15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 1L);
    assertThat(log.get(log.size() - 1))
        .isEqualTo(new StoredDelivery(1, createdDelivery(first), again));
    assertThat(log.subList(0, DeliveryRows.DUPLICATE_ROWS))
        .allSatisfy(
            duplicate -> {
              assertThat(duplicate.delivery().decision()).isEqualTo(DeliveryRecord.DUPLICATE);
              assertThat(duplicate.delivery().agentId()).isEqualTo(first.id());
              assertThat(duplicate.redeliveries()).isZero();
            });
  }

  @Test
  void deliverySeen_isTrueOnceRecorded_bySourceAndId() {
    DeliveryRecord ignored =
        new DeliveryRecord(
            Source.GITHUB, "gh-7", "ping", DeliveryRecord.IGNORED, "ping", null, Fixtures.T0);
    boolean before = store.deliverySeen(Source.GITHUB, "gh-7");

    store.recordDelivery(ignored, null, null);

    assertThat(before).isFalse();
    assertThat(store.deliverySeen(Source.GITHUB, "gh-7")).isTrue();
    assertThat(store.deliverySeen(Source.LINEAR, "gh-7")).isFalse();
  }

  @Test
  void redeliveryOfAnIgnoredDelivery_isAlreadySeenWithoutAgent() {
    DeliveryRecord ignored =
        new DeliveryRecord(
            Source.GITHUB, "gh-1", "ping", DeliveryRecord.IGNORED, "ping", null, Fixtures.T0);
    RecordOutcome first = store.recordDelivery(ignored, null, null);

    Agent agent = pending(1);
    DeliveryRecord again =
        new DeliveryRecord(
            Source.GITHUB,
            "gh-1",
            "issues.opened",
            DeliveryRecord.CREATED,
            null,
            agent.id(),
            Fixtures.T0);
    RecordOutcome second = store.recordDelivery(again, agent, firstEvent(agent));

    assertThat(first).isEqualTo(new RecordOutcome.Recorded());
    assertThat(second).isEqualTo(new RecordOutcome.AlreadySeen(null));
    assertThat(allAgents()).isEmpty();
    assertThat(allDeliveries())
        .first()
        .extracting(DeliveryRecord::decision, DeliveryRecord::reason, DeliveryRecord::agentId)
        .containsExactly(
            DeliveryRecord.DUPLICATE,
            "delivered before at 2025-03-04T05:06:07.089Z (decision: ignored)",
            null);
  }

  @Test
  void sameDeliveryIdFromAnotherSource_isANewDelivery() {
    Agent github = pending(1, Source.GITHUB, "octo-org/demo");
    Agent linear =
        new Agent(
            Fixtures.id(2),
            Source.LINEAR,
            "Issue",
            "create",
            github.deliveryId(),
            "octo-org/demo",
            "ENG-1",
            null,
            "prompt",
            AgentStatus.PENDING,
            null,
            null,
            0,
            null,
            Fixtures.T0,
            Fixtures.T0);
    store.recordDelivery(createdDelivery(github), github, firstEvent(github));

    RecordOutcome outcome =
        store.recordDelivery(createdDelivery(linear), linear, firstEvent(linear));

    assertThat(outcome).isEqualTo(new RecordOutcome.Recorded());
    assertThat(allAgents()).extracting(Agent::id).containsExactly(linear.id(), github.id());
  }

  @Test
  void identicalDeliveriesAtOnce_createExactlyOneAgent() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<RecordOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Agent agent = sameDeliveryAs(pending(100), i);
      outcomes.add(
          pool.submit(
              () -> {
                start.await();
                return store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));
              }));
    }

    start.countDown();
    List<RecordOutcome> results = new ArrayList<>();
    for (Future<RecordOutcome> outcome : outcomes) {
      results.add(outcome.get());
    }
    pool.shutdown();

    assertThat(results).filteredOn(RecordOutcome.Recorded.class::isInstance).hasSize(1);
    List<Agent> agents = allAgents();
    assertThat(agents).hasSize(1);
    AgentId created = agents.get(0).id();
    assertThat(results)
        .filteredOn(RecordOutcome.AlreadySeen.class::isInstance)
        .containsOnly(new RecordOutcome.AlreadySeen(created))
        .hasSize(threads - 1);
    List<DeliveryRecord> deliveries = allDeliveries();
    assertThat(deliveries).hasSize(threads);
    assertThat(deliveries).extracting(DeliveryRecord::agentId).containsOnly(created);
    assertThat(deliveries)
        .extracting(DeliveryRecord::decision)
        .endsWith(DeliveryRecord.CREATED)
        .filteredOn(DeliveryRecord.DUPLICATE::equals)
        .hasSize(threads - 1);
  }

  /** An agent for the same delivery as {@code original}, with an id of its own. */
  private static Agent sameDeliveryAs(Agent original, int copy) {
    return new Agent(
        new AgentId(original.id().value() + "-" + copy),
        original.source(),
        original.webhookEvent(),
        original.action(),
        original.deliveryId(),
        original.repo(),
        original.subject(),
        original.url(),
        original.prompt(),
        original.status(),
        null,
        null,
        0,
        null,
        original.createdAt(),
        original.updatedAt());
  }

  private List<Agent> allAgents() {
    return store.list(new AgentQuery(null, null, null, AgentQuery.MAX_LIMIT, null));
  }

  /** Every logged delivery, newest first. */
  private List<DeliveryRecord> allDeliveries() {
    return allStoredDeliveries().stream().map(StoredDelivery::delivery).toList();
  }

  private List<StoredDelivery> allStoredDeliveries() {
    return store.listDeliveries(new DeliveryQuery(null, null, AgentQuery.MAX_LIMIT, null));
  }
}
