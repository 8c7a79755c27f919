package io.webhookagents.app;

import io.webhookagents.application.TaskTracker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the task tracker every poll interval on one background thread, and says what it found. */
final class TrackingLoop {
  private static final Logger log = LoggerFactory.getLogger(TrackingLoop.class);

  private final TaskTracker tracker;
  private final Duration interval;
  private final Periodic periodic;

  TrackingLoop(TaskTracker tracker, Duration interval) {
    this.tracker = tracker;
    this.interval = interval;
    this.periodic = new Periodic("task-tracker", interval, this::track);
  }

  void start() {
    periodic.start(interval);
  }

  boolean isRunning() {
    return periodic.isRunning();
  }

  void stop() {
    periodic.stop();
  }

  private void track() {
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
  }
}
