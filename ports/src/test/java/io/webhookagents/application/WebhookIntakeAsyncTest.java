package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.out.DeliveryRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Intake asked without waiting, over a store whose commits and history reads the test holds. */
class WebhookIntakeAsyncTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final AtomicInteger signals = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final Deque<Runnable> historyReads = new ArrayDeque<>();
  private final WebhookIntake intake =
      Intakes.intake(
          store,
          () -> new AgentId("ag_" + ids.incrementAndGet()),
          () -> NOW,
          signals::incrementAndGet,
          historyReads::add);

  @Test
  void newIssue_returnsBeforeTheCommit_andIsCreatedOnceItCommits() {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    store.commits = commit;

    CompletableFuture<Receipt> receipt = intake.receiveAsync(TestEvents.issueOpened("d-1"));
    boolean doneBeforeCommit = receipt.isDone();
    int agentsBeforeCommit = store.agentCount();
    int signalsBeforeCommit = signals.get();
    commit.complete(null);

    assertThat(doneBeforeCommit).isFalse();
    assertThat(agentsBeforeCommit).isZero();
    assertThat(signalsBeforeCommit).isZero();
    assertThat(receipt).isCompletedWithValue(new Receipt.Created(new AgentId("ag_1")));
    assertThat(signals).hasValue(1);
    assertThat(historyReads).isEmpty();
  }

  @Test
  void ignoredEvent_returnsBeforeTheCommit_andIsIgnoredOnceItCommits() {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    store.commits = commit;

    CompletableFuture<Receipt> receipt = intake.receiveAsync(TestEvents.push("d-2"));
    boolean doneBeforeCommit = receipt.isDone();
    commit.complete(null);

    assertThat(doneBeforeCommit).isFalse();
    assertThat(receipt.join()).isInstanceOf(Receipt.Ignored.class);
    assertThat(store.delivery(Source.GITHUB, "d-2").decision()).isEqualTo(DeliveryRecord.IGNORED);
  }

  @Test
  void comment_returnsBeforeTheCommit_withNoReadOnTheHistoryReader() {
    CompletableFuture<Void> commit = new CompletableFuture<>();
    store.commits = commit;

    CompletableFuture<Receipt> receipt =
        intake.receiveAsync(TestEvents.comment("d-3", "@hubot please fix"));
    boolean doneBeforeCommit = receipt.isDone();
    int agentsBeforeCommit = store.agentCount();
    commit.complete(null);

    assertThat(doneBeforeCommit).isFalse();
    assertThat(agentsBeforeCommit).isZero();
    assertThat(historyReads).isEmpty();
    assertThat(receipt).isCompletedWithValue(new Receipt.Created(new AgentId("ag_1")));
    assertThat(store.delivery(Source.GITHUB, "d-3").decision()).isEqualTo(DeliveryRecord.CREATED);
  }

  @Test
  void closingEvent_isHandledOnTheHistoryReader() {
    CompletableFuture<Receipt> receipt = intake.receiveAsync(TestEvents.issueClosed("d-4"));

    assertThat(receipt).isNotDone();
    assertThat(historyReads).hasSize(1);

    historyReads.poll().run();

    assertThat(receipt.join()).isInstanceOf(Receipt.Ignored.class);
    assertThat(store.delivery(Source.GITHUB, "d-4").decision()).isEqualTo(DeliveryRecord.IGNORED);
  }
}
