package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentDispatchTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final ScriptedController controller = new ScriptedController();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebhookIntake intake =
      Intakes.intake(store, () -> new AgentId("ag_" + ids.incrementAndGet()), clock, () -> {});

  // What the dispatcher told its listener of tasks started for agents that had ended.
  private final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final LifecycleListener listener =
      new LifecycleListener() {
        @Override
        public void taskAfterEnd(Agent ended, String taskId, boolean stopping) {
          heard.add("task " + taskId + " after " + ended.id() + " was " + ended.status());
        }
      };

  private AgentDispatch dispatch(int maxConcurrentAgents, int maxAttempts) {
    RetryPolicy retries =
        new RetryPolicy(
            maxAttempts,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            () -> 0.5);
    return new AgentDispatch(
        store,
        controller,
        clock,
        retries,
        listener,
        new DispatchSettings(maxConcurrentAgents, "test-owner", LEASE));
  }

  @Test
  void pendingAgent_getsOneSessionThenOneTaskAndRuns() {
    intake.receive(TestEvents.issueOpened("d-1"));
    AgentDispatch dispatch = dispatch(0, 5);

    List<Agent> claimed = dispatch.claimDue(10);
    Agent after = dispatch.advance(claimed.get(0));

    assertThat(after.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(after.sessionId()).isEqualTo("s-1");
    assertThat(after.taskId()).isEqualTo("t-1");
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(controller.calls)
        .containsExactly("session octo-org/demo ag_1:create-session", "task s-1 ag_1:submit-task");
    assertThat(store.timeline(after.id()))
        .extracting(e -> e.status().wireName())
        .containsExactly("pending", "session_created", "running");
    assertThat(store.isLeased(after.id())).isFalse();
  }

  @Test
  void aSessionTheStoreCannotRecord_isNamedInTheFailure_andTheLeaseGoes() {
    intake.receive(TestEvents.issueOpened("d-1"));
    AgentDispatch dispatch = dispatch(0, 5);
    store.refuseChangesTo(AgentStatus.SESSION_CREATED);
    Agent claimed = dispatch.claimDue(10).get(0);

    assertThatThrownBy(() -> dispatch.advance(claimed))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the controller made session s-1 for agent ag_1 but it could not be recorded; the next"
                + " attempt asks again with Idempotency-Key ag_1:create-session: could not store"
                + " session_created of agent ag_1: disk I/O error");
    assertThat(store.isLeased(claimed.id())).isFalse();
  }

  @Test
  void transientFailures_areRetriedLaterAndCountAttempts() {
    intake.receive(TestEvents.issueOpened("d-1"));
    controller
        .failNext(ControllerException.retryable("controller answered 500", null))
        .failNext(ControllerException.retryable("controller answered 500", null));
    AgentDispatch dispatch = dispatch(0, 5);

    Agent first = dispatch.advance(dispatch.claimDue(10).get(0));
    List<Agent> tooEarly = dispatch.claimDue(10);
    clock.advance(Duration.ofSeconds(1));
    Agent second = dispatch.advance(dispatch.claimDue(10).get(0));
    clock.advance(Duration.ofSeconds(2));
    Agent third = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(first.status()).isEqualTo(AgentStatus.PENDING);
    assertThat(first.lastError()).isEqualTo("controller answered 500");
    assertThat(tooEarly).isEmpty();
    assertThat(second.status()).isEqualTo(AgentStatus.PENDING);
    assertThat(third.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(third.attempts()).isEqualTo(3);
    assertThat(store.timeline(third.id()))
        .extracting(e -> e.detail())
        .contains("controller answered 500; attempt 2 in 500 ms");
  }

  @Test
  void retryAfter_isHonouredWhenLongerThanTheBackoff() {
    intake.receive(TestEvents.issueOpened("d-1"));
    controller.failNext(
        new ControllerException("controller answered 429", true, Duration.ofSeconds(7), null));
    AgentDispatch dispatch = dispatch(0, 5);

    dispatch.advance(dispatch.claimDue(10).get(0));
    clock.advance(Duration.ofSeconds(6));
    List<Agent> atSixSeconds = dispatch.claimDue(10);
    clock.advance(Duration.ofSeconds(1));
    List<Agent> atSevenSeconds = dispatch.claimDue(10);

    assertThat(atSixSeconds).isEmpty();
    assertThat(atSevenSeconds).hasSize(1);
  }

  @Test
  void permanentFailure_failsTheAgentAtOnceWithTheReason() {
    intake.receive(TestEvents.issueOpened("d-1"));
    controller.failNext(ControllerException.permanent("controller answered 400: bad repo"));
    AgentDispatch dispatch = dispatch(0, 5);

    Agent after = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(after.status()).isEqualTo(AgentStatus.FAILED);
    assertThat(after.lastError()).isEqualTo("controller answered 400: bad repo");
    assertThat(controller.calls).hasSize(1);
  }

  @Test
  void spentAttempts_failTheAgentWithTheLastError() {
    intake.receive(TestEvents.issueOpened("d-1"));
    controller
        .failNext(ControllerException.retryable("connection refused", null))
        .failNext(ControllerException.retryable("connection refused", null));
    AgentDispatch dispatch = dispatch(0, 2);

    dispatch.advance(dispatch.claimDue(10).get(0));
    clock.advance(Duration.ofMinutes(1));
    Agent after = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(after.status()).isEqualTo(AgentStatus.FAILED);
    assertThat(after.lastError()).isEqualTo("connection refused (gave up after 2 attempts)");
  }

  @Test
  void failureAfterTheSession_resumesWithTheTaskAndNeverASecondSession() {
    intake.receive(TestEvents.issueOpened("d-1"));
    AgentDispatch dispatch = dispatch(0, 5);
    store.claimForDispatch(1, "crashed-process", clock.now(), clock.now().plus(LEASE));
    Agent leased = store.find(new AgentId("ag_1")).orElseThrow();
    store.apply(leased.sessionCreated("s-9", clock.now()));

    List<Agent> whileLeased = dispatch.claimDue(10);
    clock.advance(LEASE.plusSeconds(1));
    Agent after = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(whileLeased).isEmpty();
    assertThat(after.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(after.sessionId()).isEqualTo("s-9");
    assertThat(controller.calls).containsExactly("task s-9 ag_1:submit-task");
  }

  @Test
  void cancelWhileACallIsInFlight_leavesTheAgentCancelled() {
    intake.receive(TestEvents.issueOpened("d-1"));
    AgentDispatch dispatch = dispatch(0, 5);
    Agent claimed = dispatch.claimDue(10).get(0);
    Intakes.outcomes(store, clock, controller).cancel(claimed.id(), "issue closed");

    Agent after = dispatch.advance(claimed);

    assertThat(after.status()).isEqualTo(AgentStatus.CANCELLED);
    assertThat(store.find(claimed.id()).orElseThrow().status()).isEqualTo(AgentStatus.CANCELLED);
  }

  @Test
  void anAgentCancelledWhileItsTaskStarts_isStoppedOnceTheTaskIsThere() {
    intake.receive(TestEvents.issueOpened("d-1"));
    AgentDispatch dispatch = dispatch(0, 5);
    Agent claimed = dispatch.claimDue(10).get(0);
    // The cancel's own stop goes elsewhere: it comes before the task exists and finds nothing.
    AgentOutcomes outcomes = Intakes.outcomes(store, clock, new ScriptedController());
    controller.duringNextTask(() -> outcomes.cancel(claimed.id(), "issue closed"));

    Agent after = dispatch.advance(claimed);

    assertThat(after.status()).isEqualTo(AgentStatus.CANCELLED);
    assertThat(controller.stopped).containsExactly(claimed.id());
    assertThat(heard).containsExactly("task t-1 after " + claimed.id() + " was cancelled");
  }

  @Test
  void aRetryAfterPastTheDeadline_failsTheAgent_sayingSo() {
    intake.receive(TestEvents.issueOpened("d-1"));
    controller.failNext(
        new ControllerException("controller answered 429", true, Duration.ofHours(2), null));
    AgentDispatch dispatch = dispatch(0, 5);

    Agent after = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(after.status()).isEqualTo(AgentStatus.FAILED);
    assertThat(after.lastError())
        .isEqualTo(
            "controller answered 429 (gave up after 1 attempt: the next would come past"
                + " DISPATCH_RETRY_DEADLINE, 1h after the agent was created (0ms ago))");
  }

  @Test
  void maxConcurrentAgents_keepsTheRestPending() {
    intake.receive(TestEvents.issueOpened("d-1"));
    intake.receive(TestEvents.issueOpened("d-2"));
    intake.receive(TestEvents.issueOpened("d-3"));
    AgentDispatch dispatch = dispatch(2, 5);

    for (Agent agent : dispatch.claimDue(10)) {
      dispatch.advance(agent);
    }
    List<Agent> whileFull = dispatch.claimDue(10);

    assertThat(store.countActive()).isEqualTo(2);
    assertThat(store.find(new AgentId("ag_3")).orElseThrow().status())
        .isEqualTo(AgentStatus.PENDING);
    assertThat(whileFull).isEmpty();
  }

  @Test
  void underTheLimit_anAgentWaitingToRetryItsTask_isStillClaimed_andRuns() {
    intake.receive(TestEvents.issueOpened("d-1"));
    intake.receive(TestEvents.issueOpened("d-2"));
    controller.failNextTask(ControllerException.retryable("controller answered 503", null));
    AgentDispatch dispatch = dispatch(1, 5);
    Agent first = dispatch.advance(dispatch.claimDue(10).get(0));
    clock.advance(Duration.ofMinutes(10));

    List<Agent> claimed = dispatch.claimDue(10);
    Agent after = dispatch.advance(claimed.get(0));

    assertThat(first.status()).isEqualTo(AgentStatus.SESSION_CREATED);
    assertThat(claimed).extracting(Agent::id).containsExactly(new AgentId("ag_1"));
    assertThat(after.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(store.find(new AgentId("ag_2")).orElseThrow().status())
        .isEqualTo(AgentStatus.PENDING);
  }

  @Test
  void underTheLimit_pendingAgentsClaimedAndStillBeingMovedOn_takeTheRoom() {
    intake.receive(TestEvents.issueOpened("d-1"));
    intake.receive(TestEvents.issueOpened("d-2"));
    intake.receive(TestEvents.issueOpened("d-3"));
    AgentDispatch dispatch = dispatch(2, 5);

    List<Agent> first = dispatch.claimDue(1);
    List<Agent> second = dispatch.claimDue(10);
    List<Agent> whileTwoAreStarting = dispatch.claimDue(10);
    dispatch.advance(first.get(0));
    dispatch.advance(second.get(0));

    assertThat(first).extracting(Agent::id).containsExactly(new AgentId("ag_1"));
    assertThat(second).extracting(Agent::id).containsExactly(new AgentId("ag_2"));
    assertThat(whileTwoAreStarting).isEmpty();
    assertThat(dispatch.claimDue(10)).isEmpty();
    assertThat(store.countActive()).isEqualTo(2);
  }
}
