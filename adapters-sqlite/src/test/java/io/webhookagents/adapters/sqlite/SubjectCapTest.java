package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pendingOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import io.webhookagents.ports.out.SubjectCap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectCapTest {
  private static final String SUBJECT = "octo-org/demo#9";
  private static final SubjectCap CAP = new SubjectCap(3, T0, "cap of 3 reached");

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
  void concurrentDeliveriesOnOneSubject_neverCreateMoreAgentsThanTheCap() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<RecordOutcome>> outcomes = new ArrayList<>();

    for (int i = 1; i <= 40; i++) {
      Agent agent = pendingOn(i, Source.GITHUB, "octo-org/demo", SUBJECT);
      outcomes.add(
          pool.submit(
              () -> store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent), CAP)));
    }
    int recorded = 0;
    int capped = 0;
    for (Future<RecordOutcome> outcome : outcomes) {
      RecordOutcome result = outcome.get();
      recorded += result instanceof RecordOutcome.Recorded ? 1 : 0;
      capped += result instanceof RecordOutcome.CapReached ? 1 : 0;
    }
    pool.shutdown();

    assertThat(recorded).isEqualTo(3);
    assertThat(capped).isEqualTo(37);
    assertThat(store.countCreatedSince(Source.GITHUB, SUBJECT, T0)).isEqualTo(3);
  }

  @Test
  void aCappedDelivery_isRecordedAsIgnoredWithTheReasonAndNoAgent() {
    for (int i = 1; i <= 3; i++) {
      Agent agent = pendingOn(i, Source.GITHUB, "octo-org/demo", SUBJECT);
      store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent), CAP);
    }
    Agent fourth = pendingOn(4, Source.GITHUB, "octo-org/demo", SUBJECT);

    RecordOutcome outcome =
        store.recordDelivery(createdDelivery(fourth), fourth, firstEvent(fourth), CAP);
    RecordOutcome again =
        store.recordDelivery(createdDelivery(fourth), fourth, firstEvent(fourth), CAP);

    assertThat(outcome).isInstanceOf(RecordOutcome.CapReached.class);
    assertThat(again).isEqualTo(new RecordOutcome.AlreadySeen(null));
    assertThat(store.find(fourth.id())).isEmpty();
    DeliveryRecord recorded =
        store.listDeliveries(new DeliveryQuery(null, "ignored", 10, null)).get(0).delivery();
    assertThat(recorded.deliveryId()).isEqualTo(fourth.deliveryId());
    assertThat(recorded.reason()).isEqualTo("cap of 3 reached");
    assertThat(recorded.agentId()).isNull();
  }

  @Test
  void agentsCreatedBeforeTheWindow_doNotCount() {
    SubjectCap later = new SubjectCap(1, T0.plusSeconds(2), "cap of 1 reached");
    Agent early = pendingOn(1, Source.GITHUB, "octo-org/demo", SUBJECT);
    store.recordDelivery(createdDelivery(early), early, firstEvent(early), later);
    Agent inWindow = pendingOn(3, Source.GITHUB, "octo-org/demo", SUBJECT);

    RecordOutcome outcome =
        store.recordDelivery(createdDelivery(inWindow), inWindow, firstEvent(inWindow), later);

    assertThat(outcome).isInstanceOf(RecordOutcome.Recorded.class);
  }
}
