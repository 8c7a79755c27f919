package io.webhookagents.app;

import io.webhookagents.application.DurationWords;
import io.webhookagents.application.TaskTracker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every poll interval, ends the agents past the maximum run time and, on a thread of its own, polls
 * the running ones, and says what it found. Apart, a controller slow to answer polls (each may take
 * its call timeout) does not hold up the time-outs.
 */
final class TrackingLoop {
  private static final Logger log = LoggerFactory.getLogger(TrackingLoop.class);

  private final TaskTracker tracker;
  private final Duration interval;
  private final Periodic timeouts;
  private final Periodic polls;

  TrackingLoop(TaskTracker tracker, Duration interval) {
    this.tracker = tracker;
    this.interval = interval;
    this.timeouts = new Periodic("task-timeouts", interval, tracker::endTimedOut);
    this.polls = new Periodic("task-tracker", interval, this::poll);
  }

  void start() {
    timeouts.start(interval);
    polls.start(interval);
  }

  boolean isRunning() {
    return timeouts.isRunning() && polls.isRunning();
  }

  void stop() {
    timeouts.stop();
    polls.stop();
  }

  private void poll() {
    TaskTracker.Report report = tracker.pollOnce();
    if (report.pollingTurnedOff() != null) {
      log.warn(
          "Task polling is off: {}; running agents now end by POST /agents/{id}/status"
              + " or after AGENT_MAX_RUNTIME, and polling is tried again every {}",
          report.pollingTurnedOff(),
          DurationWords.of(TaskTracker.POLLING_RETRY));
    }
    if (report.pollingResumed()) {
      log.info("Task polling is on again: the controller answers polls");
    }
    report
        .untrackedAgents()
        .forEach(
            (agent, reason) ->
                log.warn(
                    "Agent {}: {}, though it answers for other tasks; this agent ends by POST"
                        + " /agents/{id}/status or after AGENT_MAX_RUNTIME",
                    agent,
                    reason));
    for (String word : report.newUnknownWords()) {
      log.warn(
          "The controller reported the task status '{}', which this service does not"
              + " know; agents with it stay running",
          word);
    }
  }
}
