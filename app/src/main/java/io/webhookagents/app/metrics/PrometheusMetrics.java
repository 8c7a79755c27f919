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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus registry and the gauges read from the store: agents by status and the dispatch
 * queue depth (agents waiting in pending or session_created).
 *
 * <p>Counting by status is a query, so its result is kept for a second: a scrape every few seconds
 * costs one query, however many gauges read it.
 *
 * <p>The JVM's own meters (memory, threads, garbage collection, processors) are bound on a thread
 * of their own: reading the management beans for the first time takes a few hundredths of a second
 * that start-up need not wait for. A scrape waits for them, so every scrape has them.
 */
public final class PrometheusMetrics implements ScrapeMetrics {
  private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);
  private static final Duration COUNT_CACHE = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AgentStore store;
  private final AtomicReference<Counts> counts = new AtomicReference<>();
  private final CompletableFuture<Void> jvmMetersBound;

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
    jvmMetersBound =
        CompletableFuture.runAsync(this::bindJvmMeters, PrometheusMetrics::onOwnThread)
            .exceptionally(
                failure -> {
                  log.warn("JVM meters could not be bound; /metrics goes on without them", failure);
                  return null;
                });
  }

  private void bindJvmMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  private static void onOwnThread(Runnable binding) {
    Thread thread = new Thread(binding, "bind-jvm-meters");
    thread.setDaemon(true);
    thread.start();
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
    jvmMetersBound.join();
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
