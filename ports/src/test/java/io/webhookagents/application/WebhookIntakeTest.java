package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.out.DeliveryRecord;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookIntakeTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final AtomicInteger signals = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebhookIntake intake =
      Intakes.intake(
          store,
          () -> new AgentId("ag_" + ids.incrementAndGet()),
          () -> NOW,
          signals::incrementAndGet);

  @Test
  void triggeringEvent_commitsAPendingAgentAndWakesDispatch() {
    Receipt receipt = intake.receive(TestEvents.issueOpened("d-1"));

    assertThat(receipt).isEqualTo(new Receipt.Created(new AgentId("ag_1")));
    Agent agent = store.find(new AgentId("ag_1")).orElseThrow();
    assertThat(agent.status()).isEqualTo(AgentStatus.PENDING);
    assertThat(agent.subject()).isEqualTo("octo-org/demo#42");
    assertThat(agent.deliveryId()).isEqualTo("d-1");
    assertThat(agent.prompt()).contains("No description provided.");
    assertThat(store.timeline(agent.id())).hasSize(1);
    assertThat(store.delivery(Source.GITHUB, "d-1").decision()).isEqualTo(DeliveryRecord.CREATED);
    assertThat(signals).hasValue(1);
  }

  @Test
  void redelivery_answersDuplicateWithTheSameAgentAndCreatesNothing() {
    intake.receive(TestEvents.issueOpened("d-1"));

    Receipt again = intake.receive(TestEvents.issueOpened("d-1"));

    assertThat(again).isEqualTo(new Receipt.Duplicate(new AgentId("ag_1")));
    assertThat(store.agentCount()).isEqualTo(1);
    assertThat(signals).hasValue(1);
  }

  @Test
  void ignoredEvent_isRecordedWithItsReasonAndStartsNothing() {
    Receipt receipt = intake.receive(TestEvents.push("d-2"));

    assertThat(receipt).isInstanceOf(Receipt.Ignored.class);
    assertThat(((Receipt.Ignored) receipt).reason()).startsWith("push does not start agents");
    DeliveryRecord recorded = store.delivery(Source.GITHUB, "d-2");
    assertThat(recorded.decision()).isEqualTo(DeliveryRecord.IGNORED);
    assertThat(recorded.agentId()).isNull();
    assertThat(store.agentCount()).isZero();
    assertThat(signals).hasValue(0);
  }

  @Test
  void redeliveredIgnoredEvent_isADuplicateWithoutAgent() {
    intake.receive(TestEvents.push("d-3"));

    Receipt again = intake.receive(TestEvents.push("d-3"));

    assertThat(again).isEqualTo(new Receipt.Duplicate(null));
  }
}
