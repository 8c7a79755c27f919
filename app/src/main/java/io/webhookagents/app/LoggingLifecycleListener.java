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
      log.warn(
          "Agent {} (delivery {}) failed: {} (dispatch attempts: {})",
          agent.id(),
          agent.deliveryId(),
          agent.lastError(),
          agent.attempts());
      return;
    }
    log.info(
        "Agent {} (delivery {}) {}: {}",
        agent.id(),
        agent.deliveryId(),
        agent.status(),
        change.event().detail());
  }

  @Override
  public void retryScheduled(AgentChange change, Instant notBefore) {
    Agent agent = change.after();
    log.warn(
        "Agent {} (delivery {}) attempt {} failed: {}; next attempt at {}",
        agent.id(),
        agent.deliveryId(),
        agent.attempts(),
        agent.lastError(),
        notBefore);
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
