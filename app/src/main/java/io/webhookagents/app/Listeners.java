package io.webhookagents.app;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.LifecycleListener;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each lifecycle step to several listeners. One that throws is logged and the others still
 * hear about the step: the step itself is committed already.
 */
final class Listeners implements LifecycleListener {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<LifecycleListener> listeners;

  Listeners(List<LifecycleListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void deliveryRecorded(Source source, String decision) {
    each(l -> l.deliveryRecorded(source, decision));
  }

  @Override
  public void requestRefused(Source source, int status) {
    each(l -> l.requestRefused(source, status));
  }

  @Override
  public void created(Agent agent) {
    each(l -> l.created(agent));
  }

  @Override
  public void changed(AgentChange change) {
    each(l -> l.changed(change));
  }

  @Override
  public void retryScheduled(AgentChange change, Instant notBefore) {
    each(l -> l.retryScheduled(change, notBefore));
  }

  @Override
  public void taskAfterEnd(Agent ended, String taskId, boolean stopping) {
    each(l -> l.taskAfterEnd(ended, taskId, stopping));
  }

  private void each(java.util.function.Consumer<LifecycleListener> call) {
    for (LifecycleListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("Lifecycle listener {} failed", listener.getClass().getSimpleName(), e);
      }
    }
  }
}
