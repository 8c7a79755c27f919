package io.webhookagents.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgentLifecycleTest {
  private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");
  private static final Instant LATER = Instant.parse("2026-12-04T10:00:05Z");

  @Test
  void happyPath_goesFromPendingThroughSessionAndTaskToCompleted() {
    Agent pending = Agents.pending("ag_1");

    AgentChange session = pending.sessionCreated("s-1", LATER);
    AgentChange task = session.after().taskSubmitted("t-1", LATER);
    AgentChange done = task.after().completed("merged", LATER);

    assertThat(session.after().status()).isEqualTo(AgentStatus.SESSION_CREATED);
    assertThat(session.after().sessionId()).isEqualTo("s-1");
    assertThat(task.after().status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(task.after().taskId()).isEqualTo("t-1");
    assertThat(done.after().status()).isEqualTo(AgentStatus.COMPLETED);
    assertThat(done.event()).isEqualTo(new StatusEvent(AgentStatus.COMPLETED, LATER, "merged"));
    assertThat(done.after().createdAt()).isEqualTo(CREATED);
    assertThat(done.after().updatedAt()).isEqualTo(LATER);
  }

  @Test
  void illegalTransition_namesTheAgentAndBothStates() {
    Agent pending = Agents.pending("ag_2");

    assertThatThrownBy(() -> pending.taskSubmitted("t-1", LATER))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("agent ag_2 cannot move from pending to running")
        .satisfies(
            e -> {
              IllegalTransitionException ite = (IllegalTransitionException) e;
              assertThat(ite.agentId()).isEqualTo(new AgentId("ag_2"));
              assertThat(ite.current()).isEqualTo(AgentStatus.PENDING);
              assertThat(ite.requested()).isEqualTo(AgentStatus.RUNNING);
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = AgentStatus.class,
      names = {"COMPLETED", "FAILED", "CANCELLED"})
  void finalStates_allowNoTransitionAtAll(AgentStatus end) {
    for (AgentStatus next : AgentStatus.values()) {
      assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
    }
    assertThat(end.isFinal()).isTrue();
  }

  @Test
  void transitionTable_isExactlyTheOneTheContractDescribes() {
    assertThat(allowedFrom(AgentStatus.PENDING))
        .containsExactlyInAnyOrder(
            AgentStatus.SESSION_CREATED, AgentStatus.FAILED, AgentStatus.CANCELLED);
    assertThat(allowedFrom(AgentStatus.SESSION_CREATED))
        .containsExactlyInAnyOrder(AgentStatus.RUNNING, AgentStatus.FAILED, AgentStatus.CANCELLED);
    assertThat(allowedFrom(AgentStatus.RUNNING))
        .containsExactlyInAnyOrder(
            AgentStatus.COMPLETED, AgentStatus.FAILED, AgentStatus.CANCELLED);
  }

  @Test
  void failing_keepsTheReasonAsLastError() {
    Agent pending = Agents.pending("ag_3");

    AgentChange failed = pending.failed("controller answered 400", LATER);

    assertThat(failed.after().status()).isEqualTo(AgentStatus.FAILED);
    assertThat(failed.after().lastError()).isEqualTo("controller answered 400");
  }

  @Test
  void attemptFailed_keepsTheStatusAndRecordsTheErrorAndWhatComesNext() {
    Agent pending = Agents.pending("ag_4").withAttempt();

    AgentChange change = pending.attemptFailed("HTTP 503", "attempt 2 in 400 ms", LATER);

    assertThat(change.after().status()).isEqualTo(AgentStatus.PENDING);
    assertThat(change.after().attempts()).isEqualTo(1);
    assertThat(change.after().lastError()).isEqualTo("HTTP 503");
    assertThat(change.event().detail()).isEqualTo("HTTP 503; attempt 2 in 400 ms");
  }

  @Test
  void aStepTakenAfterAFailedAttempt_clearsTheError_whichTheTimelineKeeps() {
    Agent retried =
        Agents.pending("ag_6").withAttempt().attemptFailed("HTTP 503", "retry", LATER).after();

    Agent withSession = retried.sessionCreated("s-1", LATER).after();
    Agent failedAgain = withSession.attemptFailed("HTTP 429", "retry", LATER).after();
    Agent running = failedAgain.taskSubmitted("t-1", LATER).after();

    assertThat(withSession.lastError()).isNull();
    assertThat(failedAgain.lastError()).isEqualTo("HTTP 429");
    assertThat(running.lastError()).isNull();
  }

  @Test
  void attemptFailed_onAnEndedAgent_isRejected() {
    Agent cancelled = Agents.pending("ag_5").cancelled("closed", LATER).after();

    assertThatThrownBy(() -> cancelled.attemptFailed("HTTP 503", "retry", LATER))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void wireNames_roundTripAndUnknownNamesAreEmpty() {
    for (AgentStatus status : AgentStatus.values()) {
      assertThat(AgentStatus.fromWireName(status.wireName())).contains(status);
    }
    assertThat(AgentStatus.fromWireName("RUNNING")).isEmpty();
    assertThat(AgentStatus.fromWireName("done")).isEmpty();
  }

  @Test
  void agentIds_refuseCharactersThatNeedEscaping() {
    assertThatThrownBy(() -> new AgentId("../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentId("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new AgentId("ag_01J-x").value()).isEqualTo("ag_01J-x");
  }

  private static Set<AgentStatus> allowedFrom(AgentStatus from) {
    Set<AgentStatus> allowed = EnumSet.noneOf(AgentStatus.class);
    for (AgentStatus next : AgentStatus.values()) {
      if (from.canMoveTo(next)) {
        allowed.add(next);
      }
    }
    return allowed;
  }

  /** Agents as tests need them. */
  static final class Agents {
    static Agent pending(String id) {
      return new Agent(
          new AgentId(id),
          Source.GITHUB,
          "issues",
          "opened",
          "delivery-1",
          "octo-org/demo",
          "octo-org/demo#1",
          null,
          "prompt",
          AgentStatus.PENDING,
          null,
          null,
          0,
          null,
          CREATED,
          CREATED);
    }
  }
}
