package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryRetentionTest {
  private static final Duration RETENTION = Duration.ofDays(30);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebhookIntake intake =
      Intakes.intake(store, () -> new AgentId("ag_" + ids.incrementAndGet()), clock, () -> {});
  private final DeliveryRetention retention = new DeliveryRetention(store, clock, RETENTION);

  @Test
  void deliveriesOlderThanTheRetention_areForgotten_andTheirAgentsKept() {
    intake.receive(TestEvents.issueOpened("d-old"));
    intake.receive(TestEvents.push("d-old-push"));
    clock.advance(Duration.ofDays(20));
    intake.receive(TestEvents.push("d-recent"));
    clock.advance(Duration.ofDays(11));

    DeliveryRetention.Forgotten forgotten = retention.forgetOld();

    assertThat(forgotten)
        .isEqualTo(
            new DeliveryRetention.Forgotten(
                2, Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofDays(1))));
    assertThat(store.deliverySeen(Source.GITHUB, "d-old")).isFalse();
    assertThat(store.deliverySeen(Source.GITHUB, "d-recent")).isTrue();
    assertThat(store.find(new AgentId("ag_1"))).isPresent();
    assertThat(retention.forgetOld().count()).isZero();
  }

  @Test
  void aDeliveryForgotten_countsAsNewWhenSentAgain() {
    intake.receive(TestEvents.push("d-1"));
    clock.advance(RETENTION.plusSeconds(1));
    retention.forgetOld();

    Receipt again = intake.receive(TestEvents.push("d-1"));

    assertThat(again).isInstanceOf(Receipt.Ignored.class);
  }

  @Test
  void moreThanABatch_isForgottenInOneRound() {
    int count = DeliveryRetention.BATCH + 10;
    for (int i = 0; i < count; i++) {
      intake.receive(TestEvents.push("d-" + i));
    }
    clock.advance(RETENTION.plusSeconds(1));

    assertThat(retention.forgetOld().count()).isEqualTo(count);
  }
}
