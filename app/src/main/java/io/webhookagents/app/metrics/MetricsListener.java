package io.webhookagents.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.LifecycleListener;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts deliveries by source and decision, webhook requests refused by source and status, agents
 * by the status they move to, retries, and the time from a delivery to its agent running.
 */
public final class MetricsListener implements LifecycleListener {
  private final MeterRegistry registry;
  private final Timer deliveryToRunning;
  private final Counter retries;

  public MetricsListener(MeterRegistry registry) {
    this.registry = registry;
    this.deliveryToRunning =
        Timer.builder("orchestrator.delivery.to.running")
            .description("Time from an agent's delivery to its task running")
            .publishPercentileHistogram()
            .register(registry);
    this.retries =
        Counter.builder("orchestrator.dispatch.retries")
            .description("Controller calls that failed and were scheduled again")
            .register(registry);
  }

  @Override
  public void deliveryRecorded(Source source, String decision) {
    Counter.builder("orchestrator.deliveries")
        .description("Accepted webhook deliveries by source and decision")
        .tag("source", source.wireName())
        .tag("decision", decision)
        .register(registry)
        .increment();
  }

  @Override
  public void requestRefused(Source source, int status) {
    Counter.builder("orchestrator.webhooks.refused")
        .description("Webhook requests refused before they became deliveries, by answer status")
        .tag("source", source.wireName())
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  @Override
  public void created(Agent agent) {
    countTransition(AgentStatus.PENDING);
  }

  @Override
  public void changed(AgentChange change) {
    Agent after = change.after();
    if (after.status() == change.before().status()) {
      return;
    }
    countTransition(after.status());
    if (after.status() == AgentStatus.RUNNING) {
      deliveryToRunning.record(Duration.between(after.createdAt(), after.updatedAt()));
    }
  }

  @Override
  public void retryScheduled(AgentChange change, Instant notBefore) {
    retries.increment();
  }

  private void countTransition(AgentStatus to) {
    Counter.builder("orchestrator.agent.transitions")
        .description("Agents that entered each status")
        .tag("status", to.wireName())
        .register(registry)
        .increment();
  }
}
