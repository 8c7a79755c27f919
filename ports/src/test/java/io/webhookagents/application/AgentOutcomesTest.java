package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.IllegalTransitionException;
import io.webhookagents.ports.in.AgentNotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentOutcomesTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final ScriptedController controller = new ScriptedController();
  private final AgentOutcomes outcomes = Intakes.outcomes(store, clock, controller);
  private final AgentId id = new AgentId("ag_1");

  private void givenAPendingAgent() {
    Intakes.intake(store, () -> id, clock, () -> {}).receive(TestEvents.issueOpened("d-1"));
  }

  @Test
  void cancel_endsAPendingAgentWithTheReasonInItsTimeline() {
    givenAPendingAgent();

    Agent cancelled = outcomes.cancel(id, "issue closed");

    assertThat(cancelled.status()).isEqualTo(AgentStatus.CANCELLED);
    assertThat(store.timeline(id))
        .last()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("issue closed"));
  }

  @Test
  void completingAPendingAgent_isAnIllegalTransition() {
    givenAPendingAgent();

    assertThatThrownBy(() -> outcomes.reportOutcome(id, AgentStatus.COMPLETED, "done"))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(AgentStatus.PENDING);
  }

  @Test
  void failing_recordsTheDetailAsLastError() {
    givenAPendingAgent();

    Agent failed = outcomes.reportOutcome(id, AgentStatus.FAILED, "out of credits");

    assertThat(failed.lastError()).isEqualTo("out of credits");
  }

  @Test
  void cancellingTwice_isRefusedTheSecondTime() {
    givenAPendingAgent();
    outcomes.cancel(id, "first");

    assertThatThrownBy(() -> outcomes.cancel(id, "second"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("agent ag_1 cannot move from cancelled to cancelled");
  }

  @Test
  void anOutcomeReportedFromOutside_stopsWhatStillRunsForTheAgent() {
    givenAPendingAgent();

    outcomes.reportOutcome(id, AgentStatus.FAILED, "operator gave up");

    assertThat(controller.stopped).containsExactly(id);
  }

  @Test
  void cancel_stopsTheAgent() {
    givenAPendingAgent();

    outcomes.cancel(id, "issue closed");

    assertThat(controller.stopped).containsExactly(id);
  }

  @Test
  void unknownAgent_isNotFound() {
    assertThatThrownBy(() -> outcomes.cancel(new AgentId("ag_404"), "x"))
        .isInstanceOf(AgentNotFoundException.class)
        .hasMessage("no agent ag_404");
  }
}
