package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskTrackerTest {
  private static final Duration MAX_RUNTIME = Duration.ofHours(2);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final PollingController controller = new PollingController();
  private final AtomicInteger ids = new AtomicInteger();
  private final TaskTracker tracker =
      new TaskTracker(store, controller, clock, LifecycleListener.NONE, MAX_RUNTIME, Runnable::run);

  private Agent running(String delivery) {
    Intakes.intake(store, () -> new AgentId("ag_" + ids.incrementAndGet()), clock, () -> {})
        .receive(TestEvents.issueOpened(delivery));
    AgentDispatch dispatch =
        new AgentDispatch(
            store,
            controller,
            clock,
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, () -> 0),
            LifecycleListener.NONE,
            new DispatchSettings(0, "test", Duration.ofMinutes(1)));
    return dispatch.advance(dispatch.claimDue(1).get(0));
  }

  @Test
  void controllerWords_endAgentsAsTheyMean() {
    Agent done = running("d-1");
    Agent broken = running("d-2");
    Agent stopped = running("d-3");
    Agent busy = running("d-4");
    controller.words.put(done.taskId(), "succeeded");
    controller.words.put(broken.taskId(), "ERROR");
    controller.words.put(stopped.taskId(), "canceled");
    controller.words.put(busy.taskId(), "in-progress");

    TaskTracker.Report report = tracker.trackOnce();

    assertThat(report.ended()).isEqualTo(3);
    assertThat(statusOf(done)).isEqualTo(AgentStatus.COMPLETED);
    assertThat(statusOf(broken)).isEqualTo(AgentStatus.FAILED);
    assertThat(store.find(broken.id()).orElseThrow().lastError())
        .isEqualTo("the controller reports the task ERROR");
    assertThat(statusOf(stopped)).isEqualTo(AgentStatus.CANCELLED);
    assertThat(statusOf(busy)).isEqualTo(AgentStatus.RUNNING);
  }

  @Test
  void anUnknownWord_leavesTheAgentRunningAndIsReportedOnce() {
    Agent agent = running("d-1");
    controller.words.put(agent.taskId(), "thinking-hard");

    TaskTracker.Report first = tracker.trackOnce();
    TaskTracker.Report second = tracker.trackOnce();

    assertThat(first.newUnknownWords()).containsExactly("thinking-hard");
    assertThat(second.newUnknownWords()).isEmpty();
    assertThat(statusOf(agent)).isEqualTo(AgentStatus.RUNNING);
  }

  @Test
  void aControllerWithoutPolling_isNotAskedAgain() {
    running("d-1");
    controller.untrackable = true;

    TaskTracker.Report first = tracker.trackOnce();
    int pollsAfterFirst = controller.polls;
    TaskTracker.Report second = tracker.trackOnce();

    assertThat(first.pollingTurnedOff()).isEqualTo("the controller answered 404");
    assertThat(second.pollingTurnedOff()).isNull();
    assertThat(controller.polls).isEqualTo(pollsAfterFirst);
  }

  @Test
  void anAgentRunningPastTheMaximum_failsAsTimedOutAndIsStopped() {
    Agent agent = running("d-1");
    controller.untrackable = true;

    clock.advance(MAX_RUNTIME.minusMinutes(1));
    tracker.trackOnce();
    AgentStatus beforeLimit = statusOf(agent);
    clock.advance(Duration.ofMinutes(2));
    tracker.trackOnce();

    assertThat(beforeLimit).isEqualTo(AgentStatus.RUNNING);
    Agent ended = store.find(agent.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(AgentStatus.FAILED);
    assertThat(ended.lastError())
        .isEqualTo("timed out: still running after 2h (AGENT_MAX_RUNTIME)");
    assertThat(controller.stopped).containsExactly(agent.id());
  }

  @Test
  void aControllerThatAnsweredPollsBefore_andThenDoesNotKnowOneTask_keepsPollingTheOthers() {
    Agent known = running("d-1");
    Agent forgotten = running("d-2");
    tracker.pollOnce();
    controller.unknownTasks.add(forgotten.taskId());
    controller.words.put(known.taskId(), "succeeded");

    TaskTracker.Report report = tracker.pollOnce();
    TaskTracker.Report again = tracker.pollOnce();

    assertThat(report.pollingTurnedOff()).isNull();
    assertThat(report.untrackedAgents())
        .containsExactly(Map.entry(forgotten.id(), "the controller answered 404"));
    assertThat(again.untrackedAgents()).isEmpty();
    assertThat(statusOf(known)).isEqualTo(AgentStatus.COMPLETED);
    assertThat(statusOf(forgotten)).isEqualTo(AgentStatus.RUNNING);
  }

  @Test
  void afterARestart_aFirstPollOf404_doesNotTurnPollingOff_whenOtherTasksAnswer() {
    Agent known = running("d-1");
    // The newest, polled first.
    Agent forgotten = running("d-2");
    controller.unknownTasks.add(forgotten.taskId());
    controller.words.put(known.taskId(), "succeeded");
    TaskTracker afterRestart =
        new TaskTracker(
            store, controller, clock, LifecycleListener.NONE, MAX_RUNTIME, Runnable::run);

    TaskTracker.Report report = afterRestart.pollOnce();

    assertThat(report.pollingTurnedOff()).isNull();
    assertThat(report.untrackedAgents()).containsOnlyKeys(forgotten.id());
    assertThat(statusOf(known)).isEqualTo(AgentStatus.COMPLETED);
  }

  @Test
  void pollingTurnedOff_isTriedAgainLater_andResumesWhenTheControllerAnswers() {
    Agent agent = running("d-1");
    controller.untrackable = true;
    TaskTracker.Report off = tracker.pollOnce();
    int pollsWhileOff = controller.polls;
    tracker.pollOnce();
    int pollsSoonAfter = controller.polls;
    controller.untrackable = false;
    controller.words.put(agent.taskId(), "succeeded");

    clock.advance(TaskTracker.POLLING_RETRY);
    TaskTracker.Report resumed = tracker.pollOnce();

    assertThat(off.pollingTurnedOff()).isEqualTo("the controller answered 404");
    assertThat(pollsSoonAfter).isEqualTo(pollsWhileOff);
    assertThat(resumed.pollingResumed()).isTrue();
    assertThat(statusOf(agent)).isEqualTo(AgentStatus.COMPLETED);
  }

  @Test
  void timeOuts_runWithoutPolling() {
    Agent agent = running("d-1");
    clock.advance(MAX_RUNTIME.plusMinutes(1));

    int ended = tracker.endTimedOut();

    assertThat(ended).isEqualTo(1);
    assertThat(controller.polls).isZero();
    assertThat(statusOf(agent)).isEqualTo(AgentStatus.FAILED);
  }

  private AgentStatus statusOf(Agent agent) {
    return store.find(agent.id()).orElseThrow().status();
  }

  /** A controller whose tasks report the words a test sets. */
  private static final class PollingController implements AgentController {
    final Map<String, String> words = new HashMap<>();
    final Set<String> unknownTasks = new HashSet<>();
    final List<AgentId> stopped = new ArrayList<>();
    boolean untrackable;
    int polls;
    private int count;

    @Override
    public String createSession(SessionRequest request) {
      return "s-" + (++count);
    }

    @Override
    public String submitTask(TaskRequest request) {
      return "t-" + (++count);
    }

    @Override
    public TaskProgress pollTask(Agent agent) {
      polls++;
      if (untrackable || unknownTasks.contains(agent.taskId())) {
        return new TaskProgress.Untrackable("the controller answered 404");
      }
      return new TaskProgress.Reported(words.getOrDefault(agent.taskId(), "running"));
    }

    @Override
    public void stop(Agent agent) {
      stopped.add(agent.id());
    }
  }
}
