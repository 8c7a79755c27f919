package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A controller that fails as scripted, then succeeds, and remembers every call it was asked to make
 * with its idempotency key.
 */
final class ScriptedController implements AgentController {
  final List<String> calls = new ArrayList<>();
  final List<io.webhookagents.domain.AgentId> stopped = new ArrayList<>();
  private final Deque<ControllerException> failures = new ArrayDeque<>();
  private final Deque<ControllerException> taskFailures = new ArrayDeque<>();
  // Runs inside the next task submission, as something else happening while the call is made.
  private Runnable duringNextTask = () -> {};
  private int sessions;
  private int tasks;

  ScriptedController failNext(ControllerException failure) {
    failures.add(failure);
    return this;
  }

  /** Runs {@code meanwhile} inside the next task submission, before it answers. */
  ScriptedController duringNextTask(Runnable meanwhile) {
    duringNextTask = meanwhile;
    return this;
  }

  /** Fails the next task submission, after any failure {@link #failNext} scripted. */
  ScriptedController failNextTask(ControllerException failure) {
    taskFailures.add(failure);
    return this;
  }

  @Override
  public synchronized String createSession(SessionRequest request) {
    calls.add("session " + request.repo() + " " + request.idempotencyKey());
    throwIfScripted();
    return "s-" + (++sessions);
  }

  @Override
  public synchronized String submitTask(TaskRequest request) {
    calls.add("task " + request.sessionId() + " " + request.idempotencyKey());
    Runnable meanwhile = duringNextTask;
    duringNextTask = () -> {};
    meanwhile.run();
    throwIfScripted();
    ControllerException failure = taskFailures.poll();
    if (failure != null) {
      throw failure;
    }
    return "t-" + (++tasks);
  }

  @Override
  public TaskProgress pollTask(Agent agent) {
    return new TaskProgress.Reported("running");
  }

  @Override
  public synchronized void stop(Agent agent) {
    stopped.add(agent.id());
  }

  private void throwIfScripted() {
    ControllerException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
  }
}
