package io.webhookagents.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.AgentStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The Prometheus registry and the gauges read from the store: agents by status and the dispatch
 * queue depth (agents waiting in pending or session_created).
 *
 * <p>Counting by status is a query, so its result is kept for a second: a scrape every few seconds
 * costs one query, however many gauges read it.
 */
public final class PrometheusMetrics implements ScrapeMetrics {
  private static final Duration COUNT_CACHE = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AgentStore store;
  private final AtomicReference<Counts> counts = new AtomicReference<>();

  private record Counts(Map<AgentStatus, Integer> byStatus, long takenAtNanos) {}

  public PrometheusMetrics(AgentStore store, IntSupplier dispatchInFlight) {
    this.store = store;
    for (AgentStatus status : AgentStatus.values()) {
      Gauge.builder("orchestrator.agents", () -> count(status))
          .description("Agents in each status")
          .tag("status", status.wireName())
          .register(registry);
    }
    Gauge.builder(
            "orchestrator.dispatch.queue.depth",
            () -> count(AgentStatus.PENDING) + count(AgentStatus.SESSION_CREATED))
        .description("Agents waiting for dispatch to start them")
        .register(registry);
    Gauge.builder("orchestrator.dispatch.in.flight", dispatchInFlight::getAsInt)
        .description("Agents being moved on at the controller right now")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  private int count(AgentStatus status) {
    Counts current = counts.get();
    long now = System.nanoTime();
    if (current == null || now - current.takenAtNanos() > COUNT_CACHE.toNanos()) {
      current = new Counts(store.countByStatus(), now);
      counts.set(current);
    }
    return current.byStatus().getOrDefault(status, 0);
  }
}
