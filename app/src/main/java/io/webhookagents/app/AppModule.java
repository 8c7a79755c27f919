package io.webhookagents.app;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.app.config.AppConfig;
import io.webhookagents.app.metrics.MetricsListener;
import io.webhookagents.app.metrics.PrometheusMetrics;
import io.webhookagents.application.AgentDispatch;
import io.webhookagents.application.AgentOutcomes;
import io.webhookagents.application.AgentQueries;
import io.webhookagents.application.DeliveryQueries;
import io.webhookagents.application.DeliveryRetention;
import io.webhookagents.application.DispatchSettings;
import io.webhookagents.application.RetryPolicy;
import io.webhookagents.application.TaskTracker;
import io.webhookagents.application.WebhookIntake;
import io.webhookagents.domain.trigger.TriggerRules;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.IdGenerator;
import io.webhookagents.ports.out.LifecycleListener;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;

/** The use-case services and the application's own pieces: clock, ids, dispatch, readiness. */
@Module
final class AppModule {
  // Time, beyond its controller calls, that moving an agent on may take: commits that wait for the
  // writer, a worker to free up.
  private static final Duration LEASE_MARGIN = Duration.ofMinutes(2);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  // Reads are short and SQLite serves them in parallel; a few threads keep up with any sender.
  private static final int HISTORY_READERS = 4;

  private AppModule() {}

  @Provides
  @Singleton
  static Clock clock() {
    return new SystemClock();
  }

  @Provides
  @Singleton
  static IdGenerator ids(Clock clock) {
    return new UlidGenerator(clock);
  }

  @Provides
  @Singleton
  static LifecycleListener listener(PrometheusMetrics metrics) {
    return new Listeners(
        List.of(new LoggingLifecycleListener(), new MetricsListener(metrics.registry())));
  }

  @Provides
  @Singleton
  static PrometheusMetrics metrics(AgentStore store, Provider<DispatchLoop> loop) {
    return new PrometheusMetrics(store, () -> loop.get().inFlight());
  }

  @Provides
  static ScrapeMetrics scrape(PrometheusMetrics metrics) {
    return metrics;
  }

  @Provides
  @Singleton
  static ReceiveWebhook intake(
      AppConfig config,
      AgentStore store,
      IdGenerator ids,
      Clock clock,
      DispatchLoop loop,
      LifecycleListener listener,
      ChangeAgents changes,
      @Named("history") Executor historyReader) {
    TriggerRules rules = new TriggerRules(config.triggerPolicy());
    return new WebhookIntake(
        rules,
        store,
        ids,
        clock,
        loop,
        listener,
        changes,
        config.maxAgentsPerSubjectPerHour(),
        historyReader);
  }

  /**
   * Where intake reads the store before deciding, which closing a subject and a Slack thread's
   * reply naming no repository do, off the server's IO threads. Four threads; a burst of such
   * deliveries queues here without a bound of its own, each queued one a request the server holds
   * open already.
   */
  @Provides
  @Singleton
  @Named("history")
  static Executor historyReader() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        HISTORY_READERS,
        runnable -> {
          Thread thread = new Thread(runnable, "intake-history-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Provides
  @Singleton
  static QueryDeliveries deliveries(AgentStore store) {
    return new DeliveryQueries(store);
  }

  /** Stops cancelled or timed-out agents off the thread that ended them. */
  @Provides
  @Singleton
  @Named("stopper")
  static ExecutorService stopperPool() {
    return Executors.newCachedThreadPool(
        runnable -> {
          Thread thread = new Thread(runnable, "agent-stopper");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Provides
  @Named("stopper")
  static Executor stopper(@Named("stopper") ExecutorService pool) {
    return pool;
  }

  @Provides
  @Singleton
  static TaskTracker tracker(
      AppConfig config,
      AgentStore store,
      AgentController controller,
      Clock clock,
      LifecycleListener listener,
      @Named("stopper") Executor stopper) {
    return new TaskTracker(store, controller, clock, listener, config.agentMaxRuntime(), stopper);
  }

  @Provides
  @Singleton
  static TrackingLoop trackingLoop(AppConfig config, TaskTracker tracker) {
    return new TrackingLoop(tracker, config.taskPollInterval());
  }

  @Provides
  @Singleton
  static RetentionLoop retentionLoop(AppConfig config, AgentStore store, Clock clock) {
    return new RetentionLoop(new DeliveryRetention(store, clock, config.deliveryRetention()));
  }

  @Provides
  @Singleton
  static QueryAgents queries(AgentStore store) {
    return new AgentQueries(store);
  }

  @Provides
  @Singleton
  static ChangeAgents outcomes(
      AgentStore store,
      Clock clock,
      LifecycleListener listener,
      AgentController controller,
      @Named("stopper") Executor stopper) {
    return new AgentOutcomes(store, clock, listener, controller, stopper);
  }

  @Provides
  @Singleton
  static AgentDispatch dispatch(
      AppConfig config,
      AgentStore store,
      AgentController controller,
      Clock clock,
      LifecycleListener listener) {
    RetryPolicy retries = config.dispatchRetries(() -> ThreadLocalRandom.current().nextDouble());
    DispatchSettings settings =
        new DispatchSettings(config.maxConcurrentAgents(), processName(), lease(config));
    return new AgentDispatch(store, controller, clock, retries, listener, settings);
  }

  @Provides
  @Singleton
  static DispatchLoop loop(AppConfig config, AgentDispatch dispatch) {
    return new DispatchLoop(dispatch, config.dispatchConcurrency(), POLL_INTERVAL);
  }

  @Provides
  @Singleton
  static CheckReadiness readiness(AgentStore store, DispatchLoop loop, TrackingLoop tracking) {
    return new RecentReadiness(() -> checkReadiness(store, loop, tracking), System::nanoTime);
  }

  private static List<String> checkReadiness(
      AgentStore store, DispatchLoop loop, TrackingLoop tracking) {
    List<String> problems = new ArrayList<>();
    store.writeProblem().ifPresent(problems::add);
    if (!loop.isRunning()) {
      problems.add("dispatch is not running");
    }
    if (!tracking.isRunning()) {
      problems.add("tracking of running agents is not running");
    }
    return problems;
  }

  /**
   * How long a claim on an agent lasts: past the two controller calls that move it on at their
   * slowest, so that it never runs out while a worker still moves the agent on, to be claimed and
   * called for again beside it. The lease is for crashes; a restart releases every lease at once.
   */
  static Duration lease(AppConfig config) {
    return SettingsModule.callTimeout(config).multipliedBy(2).plus(LEASE_MARGIN);
  }

  /** Names this process on the leases it takes, e.g. {@code 4242@host}. */
  private static String processName() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }
}
