package io.webhookagents.app;

import io.webhookagents.application.DurationWords;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The log of a background job tried again and again while it fails: the first failure with its
 * cause, the ones after it at debug, and one line once it works again. A database that is gone
 * fails every run alike. Used by the one thread that runs the job.
 */
final class FailureStreak {
  private final Logger log;
  private final String what;
  private final Duration retry;
  private boolean failing;

  /**
   * @param what the job, as the subject of "... failed", e.g. {@code task-tracker}
   * @param retry how long after a failure the job is tried again
   */
  FailureStreak(Logger log, String what, Duration retry) {
    this.log = log;
    this.what = what;
    this.retry = retry;
  }

  void failed(RuntimeException e) {
    if (failing) {
      log.debug("{} failed again: {}", what, e.getMessage());
      return;
    }
    log.warn("{} failed; trying again every {} until it works", what, DurationWords.of(retry), e);
    failing = true;
  }

  void worked() {
    if (failing) {
      log.info("{} works again", what);
      failing = false;
    }
  }
}
