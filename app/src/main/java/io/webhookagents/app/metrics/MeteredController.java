package io.webhookagents.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Times every controller call by step and outcome: ok, retryable, permanent or error, and for a
 * poll the controller cannot answer, untrackable. A controller that cannot stop tasks is not
 * counted as stopping them.
 */
public final class MeteredController implements AgentController, AutoCloseable {
  private static final Function<Object, String> OK = result -> "ok";

  private final AgentController delegate;
  private final MeterRegistry registry;

  public MeteredController(AgentController delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public String createSession(SessionRequest request) {
    return timed("create-session", () -> delegate.createSession(request), OK);
  }

  @Override
  public String submitTask(TaskRequest request) {
    return timed("submit-task", () -> delegate.submitTask(request), OK);
  }

  @Override
  public TaskProgress pollTask(Agent agent) {
    return timed(
        "poll-task",
        () -> delegate.pollTask(agent),
        progress -> progress instanceof TaskProgress.Untrackable ? "untrackable" : "ok");
  }

  @Override
  public void stop(Agent agent) {
    if (!delegate.canStop()) {
      return;
    }
    timed(
        "stop",
        () -> {
          delegate.stop(agent);
          return null;
        },
        OK);
  }

  @Override
  public boolean canStop() {
    return delegate.canStop();
  }

  /** Closes the measured controller, when it holds anything to close. */
  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private <T> T timed(String step, Supplier<T> call, Function<? super T, String> outcomeOf) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      T result = call.get();
      outcome = outcomeOf.apply(result);
      return result;
    } catch (ControllerException e) {
      outcome = e.retryable() ? "retryable" : "permanent";
      throw e;
    } finally {
      sample.stop(
          Timer.builder("orchestrator.controller.calls")
              .description("Calls to the controller or local runner, by step and outcome")
              .tag("step", step)
              .tag("outcome", outcome)
              .register(registry));
    }
  }
}
