package io.webhookagents.app;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.LifecycleListener;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per lifecycle step, naming the agent and the delivery it came from. */
final class LoggingLifecycleListener implements LifecycleListener {
  private static final Logger log = LoggerFactory.getLogger("io.webhookagents.lifecycle");

  /** How many of an agent's failed attempts are each logged as a warning. */
  static final int RETRIES_TOLD_IN_FULL = 3;

  /** Past those, every how many failed attempts one is logged as a warning. */
  static final int RETRIES_TOLD_EVERY = 10;

  @Override
  public void created(Agent agent) {
    log.info(
        "Agent {} pending for {} {} delivery {} on {}",
        agent.id(),
        agent.source(),
        kind(agent),
        agent.deliveryId(),
        agent.subject());
  }

  @Override
  public void changed(AgentChange change) {
    Agent agent = change.after();
    if (agent.status() == AgentStatus.FAILED) {
      // A reason from dispatch says how many attempts it made; a timeout's has nothing to do
      // with them.
      log.warn(
          "Agent {} (delivery {}) failed: {}", agent.id(), agent.deliveryId(), agent.lastError());
      return;
    }
    log.info(
        "Agent {} (delivery {}) {}: {}",
        agent.id(),
        agent.deliveryId(),
        agent.status(),
        change.event().detail());
  }

  /**
   * Logs an agent's first {@value #RETRIES_TOLD_IN_FULL} failed attempts, then every {@value
   * #RETRIES_TOLD_EVERY}th, and the rest at debug: a controller that is down for half an hour fails
   * each waiting agent's attempts dozens of times, all in the agent's timeline already, and a line
   * for each would bury the lines that say anything new.
   */
  @Override
  public void retryScheduled(AgentChange change, Instant notBefore) {
    Agent agent = change.after();
    int attempt = agent.attempts();
    boolean told = attempt <= RETRIES_TOLD_IN_FULL || attempt % RETRIES_TOLD_EVERY == 0;
    String after =
        attempt == RETRIES_TOLD_IN_FULL
            ? " (its later failed attempts are logged every " + RETRIES_TOLD_EVERY + "th)"
            : "";
    String format = "Agent {} (delivery {}) attempt {} failed: {}; next attempt at {}{}";
    Object[] arguments = {
      agent.id(), agent.deliveryId(), attempt, agent.lastError(), notBefore, after
    };
    if (told) {
      log.warn(format, arguments);
    } else {
      log.debug(format, arguments);
    }
  }

  @Override
  public void taskAfterEnd(Agent ended, String taskId, boolean stopping) {
    log.warn(
        "Agent {} (delivery {}) became {} while its task was submitted: task {} on session {}"
            + " was started all the same{}",
        ended.id(),
        ended.deliveryId(),
        ended.status(),
        taskId,
        ended.sessionId(),
        stopping
            ? ", and is being stopped"
            : "; the controller API has no call to stop it, so stop it there");
  }

  private static String kind(Agent agent) {
    return agent.action() == null
        ? agent.webhookEvent()
        : agent.webhookEvent() + "." + agent.action();
  }
}
