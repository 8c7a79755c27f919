package io.webhookagents.ports.out;

import io.webhookagents.domain.Agent;

/**
 * Starts agents: the controller API, or a runner on this machine.
 *
 * <p>Each call carries an idempotency key that is the same every time the same step is tried for
 * the same agent, so that a call repeated after a timeout or a crash can be recognised. Calls block
 * until the controller answers or a timeout passes; callers keep them off request threads.
 */
public interface AgentController {

  /**
   * Creates a session for the agent's repository and returns its id.
   *
   * @throws ControllerException when the controller refused or could not be reached
   */
  String createSession(SessionRequest request);

  /**
   * Submits the agent's prompt as a task on an existing session and returns the task's id.
   *
   * @throws ControllerException when the controller refused or could not be reached
   */
  String submitTask(TaskRequest request);

  /**
   * Asks how a running agent's task is doing.
   *
   * @throws ControllerException when the controller could not be asked; retryable failures are
   *     simply asked again at the next poll
   */
  TaskProgress pollTask(Agent agent);

  /**
   * Stops whatever runs for an agent that was cancelled or ran out of time. Controllers without a
   * way to stop a task do nothing; the agent's status is ended by the caller either way.
   */
  default void stop(Agent agent) {}

  /** True when {@link #stop} stops what runs; false for a controller with no way to. */
  default boolean canStop() {
    return false;
  }
}
