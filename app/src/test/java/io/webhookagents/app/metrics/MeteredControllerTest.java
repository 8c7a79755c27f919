package io.webhookagents.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeteredControllerTest {
  private static final Agent AGENT =
      new Agent(
          new AgentId("agent-1"),
          Source.GITHUB,
          "issues",
          "opened",
          "d-1",
          "octo-org/demo",
          "octo-org/demo#1",
          null,
          "Fix it",
          AgentStatus.RUNNING,
          "s-1",
          "t-1",
          1,
          null,
          Instant.EPOCH,
          Instant.EPOCH);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aPollTheControllerCannotAnswer_isCountedAsUntrackable_notOk() {
    MeteredController metered =
        new MeteredController(new Answering(new TaskProgress.Untrackable("404")), registry);

    metered.pollTask(AGENT);
    metered.pollTask(AGENT);

    assertThat(calls("poll-task", "untrackable")).isEqualTo(2);
    assertThat(calls("poll-task", "ok")).isZero();
  }

  @Test
  void aPollThatFoundAState_isCountedOk() {
    MeteredController metered =
        new MeteredController(new Answering(new TaskProgress.Reported("running")), registry);

    metered.pollTask(AGENT);

    assertThat(calls("poll-task", "ok")).isEqualTo(1);
  }

  @Test
  void stopsOfAControllerThatCannotStop_areNotCounted() {
    MeteredController metered =
        new MeteredController(new Answering(new TaskProgress.Reported("running")), registry);

    metered.stop(AGENT);

    assertThat(metered.canStop()).isFalse();
    assertThat(registry.find("orchestrator.controller.calls").tag("step", "stop").timer()).isNull();
  }

  @Test
  void stopsOfAControllerThatCanStop_areCounted() {
    Answering stopping = new Answering(new TaskProgress.Reported("running"));
    stopping.canStop = true;
    MeteredController metered = new MeteredController(stopping, registry);

    metered.stop(AGENT);

    assertThat(metered.canStop()).isTrue();
    assertThat(stopping.stops).isEqualTo(1);
    assertThat(calls("stop", "ok")).isEqualTo(1);
  }

  private long calls(String step, String outcome) {
    var timer =
        registry
            .find("orchestrator.controller.calls")
            .tag("step", step)
            .tag("outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  /** Answers every poll with one progress; stops only when told it can. */
  private static final class Answering implements AgentController {
    private final TaskProgress progress;
    boolean canStop;
    int stops;

    Answering(TaskProgress progress) {
      this.progress = progress;
    }

    @Override
    public String createSession(SessionRequest request) {
      return "s-1";
    }

    @Override
    public String submitTask(TaskRequest request) {
      return "t-1";
    }

    @Override
    public TaskProgress pollTask(Agent agent) {
      return progress;
    }

    @Override
    public void stop(Agent agent) {
      stops++;
    }

    @Override
    public boolean canStop() {
      return canStop;
    }
  }
}
