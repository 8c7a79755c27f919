package io.webhookagents.ports.out;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.Source;
import java.time.Instant;

/**
 * Hears about every committed lifecycle step, after the commit: for log lines, metrics or a runner
 * that must stop a cancelled agent. Called on the thread that made the change; an implementation
 * returns quickly and does not throw.
 */
public interface LifecycleListener {

  /** A delivery was recorded with {@code decision}: created, follow-up, duplicate or ignored. */
  default void deliveryRecorded(Source source, String decision) {}

  /** A request to {@code source}'s webhook path was refused with {@code status}, unrecorded. */
  default void requestRefused(Source source, int status) {}

  /** A new agent was committed for the delivery it names. */
  default void created(Agent agent) {}

  /** An agent moved to another status, or stayed and had a line added to its timeline. */
  default void changed(AgentChange change) {}

  /** An attempt failed and the agent will be tried again from {@code notBefore}. */
  default void retryScheduled(AgentChange change, Instant notBefore) {}

  /**
   * The controller started task {@code taskId} for an agent that had ended meanwhile ({@code
   * ended}, cancelled or failed while the call was in flight), and the agent's row does not name
   * it; {@code stopping} when the controller has a way to stop it, and is asked to.
   */
  default void taskAfterEnd(Agent ended, String taskId, boolean stopping) {}

  LifecycleListener NONE = new LifecycleListener() {};
}
