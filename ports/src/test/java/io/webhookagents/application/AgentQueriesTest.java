package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.AgentQuery;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentQueriesTest {
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final AgentQueries queries = new AgentQueries(store);

  private void givenAgents(int count) {
    AtomicInteger ids = new AtomicInteger();
    WebhookIntake intake =
        Intakes.intake(
            store,
            () -> new AgentId(String.format("ag_%03d", ids.incrementAndGet())),
            () -> Instant.parse("2026-12-04T12:00:00Z"),
            () -> {});
    for (int i = 1; i <= count; i++) {
      intake.receive(TestEvents.issueOpened("d-" + i));
    }
  }

  @Test
  void pages_runNewestFirstAndPointAtTheNext() {
    givenAgents(5);

    AgentPage first = queries.list(new AgentQuery(null, null, null, 2, null));
    AgentPage second = queries.list(new AgentQuery(null, null, null, 2, first.next()));
    AgentPage last = queries.list(new AgentQuery(null, null, null, 2, second.next()));

    assertThat(first.agents()).extracting(a -> a.id().value()).containsExactly("ag_005", "ag_004");
    assertThat(first.next()).isEqualTo(new AgentId("ag_004"));
    assertThat(second.agents()).extracting(a -> a.id().value()).containsExactly("ag_003", "ag_002");
    assertThat(last.agents()).extracting(a -> a.id().value()).containsExactly("ag_001");
    assertThat(last.next()).isNull();
  }

  @Test
  void aFullLastPage_hasNoNext() {
    givenAgents(2);

    AgentPage page = queries.list(new AgentQuery(null, null, null, 2, null));

    assertThat(page.agents()).hasSize(2);
    assertThat(page.next()).isNull();
  }

  @Test
  void find_returnsTheAgentWithItsTimeline() {
    givenAgents(1);

    var details = queries.find(new AgentId("ag_001")).orElseThrow();

    assertThat(details.events()).hasSize(1);
    assertThat(details.events().get(0).detail())
        .isEqualTo("created for github issues.opened delivery d-1");
  }
}
