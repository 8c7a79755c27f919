package io.webhookagents.app;

import io.webhookagents.application.TaskTracker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the task tracker every poll interval on one background thread, and says what it found. */
final class TrackingLoop {
  private static final Logger log = LoggerFactory.getLogger(TrackingLoop.class);

  private final TaskTracker tracker;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "task-tracker");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean running;

  TrackingLoop(TaskTracker tracker, Duration interval) {
    this.tracker = tracker;
    this.interval = interval;
  }

  void start() {
    running = true;
    scheduler.scheduleWithFixedDelay(
        this::trackQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isRunning() {
    return running && !scheduler.isShutdown();
  }

  void stop() {
    running = false;
    scheduler.shutdownNow();
  }

  private void trackQuietly() {
    try {
      TaskTracker.Report report = tracker.trackOnce();
      if (report.pollingTurnedOff() != null) {
        log.warn(
            "Task polling is off: {}; running agents now end by POST /agents/{id}/status"
                + " or after AGENT_MAX_RUNTIME",
            report.pollingTurnedOff());
      }
      for (String word : report.newUnknownWords()) {
        log.warn(
            "The controller reported the task status '{}', which this service does not"
                + " know; agents with it stay running",
            word);
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; keep tracking alive instead.
      log.warn("Tracking running agents failed; trying again in {}", interval, e);
    }
  }
}
