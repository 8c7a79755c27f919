package io.webhookagents.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.util.function.Supplier;

/** Times every controller call by step and outcome: ok, retryable, permanent or error. */
public final class MeteredController implements AgentController, AutoCloseable {
  private final AgentController delegate;
  private final MeterRegistry registry;

  public MeteredController(AgentController delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public String createSession(SessionRequest request) {
    return timed("create-session", () -> delegate.createSession(request));
  }

  @Override
  public String submitTask(TaskRequest request) {
    return timed("submit-task", () -> delegate.submitTask(request));
  }

  @Override
  public TaskProgress pollTask(Agent agent) {
    return timed("poll-task", () -> delegate.pollTask(agent));
  }

  @Override
  public void stop(Agent agent) {
    timed(
        "stop",
        () -> {
          delegate.stop(agent);
          return null;
        });
  }

  /** Closes the measured controller, when it holds anything to close. */
  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private <T> T timed(String step, Supplier<T> call) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      T result = call.get();
      outcome = "ok";
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
