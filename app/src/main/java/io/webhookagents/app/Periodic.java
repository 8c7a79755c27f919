package io.webhookagents.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job again and again on a daemon thread of its own, a fixed delay apart, until stopped. A
 * job that fails is logged and run again at its next turn; one that ends with an {@link Error} is
 * not, and {@link #isRunning} then says so.
 */
final class Periodic {
  private static final Logger log = LoggerFactory.getLogger(Periodic.class);

  private final Duration delay;
  private final Runnable job;
  private final ScheduledExecutorService scheduler;
  private final FailureStreak failures;
  private volatile @Nullable ScheduledFuture<?> scheduled;

  /**
   * @param what what the job does, for the thread's name and the log, e.g. {@code task-tracker}
   */
  Periodic(String what, Duration delay, Runnable job) {
    this.delay = delay;
    this.job = job;
    this.failures = new FailureStreak(log, what, delay);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, what);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the job first after {@code firstDelay}, then {@code delay} after each run ends. */
  void start(Duration firstDelay) {
    scheduled =
        scheduler.scheduleWithFixedDelay(
            this::runQuietly, firstDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True from the start until the stop, unless the job ended with an error. */
  boolean isRunning() {
    ScheduledFuture<?> current = scheduled;
    return current != null && !current.isDone() && !scheduler.isShutdown();
  }

  void stop() {
    scheduler.shutdownNow();
  }

  private void runQuietly() {
    try {
      job.run();
      failures.worked();
    } catch (RuntimeException e) {
      // A scheduled job that throws is never run again; keep it alive instead.
      failures.failed(e);
    }
  }
}
