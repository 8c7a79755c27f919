package io.webhookagents.adapters.http;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log lines of one source's ignored deliveries: one line each, up to a number a second, and
 * past that a count once the second is over. A storm of deliveries the rules ignore, such as a
 * label changed across an organisation, would otherwise write thousands of lines a second, cost the
 * service a tenth of its intake and bury the lines that matter. Every ignored delivery is still
 * recorded with its reason in the delivery audit ({@code GET /deliveries?decision=ignored}).
 *
 * <p>Thread-safe.
 */
final class IgnoredDeliveryLog {
  /** Ignored deliveries logged one by one each second, per source. */
  static final int LINES_PER_SECOND = 20;

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final Logger log;
  private final String source;
  private final int linesPerSecond;
  private final LongSupplier nanoTime;
  private final Executor afterASecond;

  // Guarded by this.
  private long secondStarted;
  private int logged;
  private long notLogged;

  /**
   * @param afterASecond runs a task about a second later: it logs the count of a second that ended
   *     with no delivery after it
   */
  IgnoredDeliveryLog(
      Logger log, String source, int linesPerSecond, LongSupplier nanoTime, Executor afterASecond) {
    this.log = log;
    this.source = source;
    this.linesPerSecond = linesPerSecond;
    this.nanoTime = nanoTime;
    this.afterASecond = afterASecond;
    this.secondStarted = nanoTime.getAsLong() - SECOND;
  }

  /** Production settings: {@value #LINES_PER_SECOND} lines a second on the system clock. */
  static IgnoredDeliveryLog of(Logger log, String source) {
    return new IgnoredDeliveryLog(
        log,
        source,
        LINES_PER_SECOND,
        System::nanoTime,
        java.util.concurrent.CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
  }

  /**
   * Logs one ignored delivery at INFO, as {@code format} and {@code arguments} say, or counts it.
   */
  void ignored(String format, Object... arguments) {
    long now = nanoTime.getAsLong();
    long countOfSecondBefore = 0;
    boolean logThis;
    boolean firstNotLogged = false;
    synchronized (this) {
      if (now - secondStarted >= SECOND) {
        countOfSecondBefore = notLogged;
        notLogged = 0;
        logged = 0;
        secondStarted = now;
      }
      logThis = logged < linesPerSecond;
      if (logThis) {
        logged++;
      } else {
        firstNotLogged = notLogged++ == 0;
      }
    }

    sayHowManyWereNotLogged(countOfSecondBefore);
    if (logThis) {
      log.info(format, arguments);
    } else if (firstNotLogged) {
      afterASecond.execute(this::endOfSecond);
    }
  }

  /** Logs the count of the second that ended, unless a delivery since has logged it. */
  private void endOfSecond() {
    long count;
    synchronized (this) {
      if (nanoTime.getAsLong() - secondStarted < SECOND) {
        return;
      }
      count = notLogged;
      notLogged = 0;
    }
    sayHowManyWereNotLogged(count);
  }

  private void sayHowManyWereNotLogged(long count) {
    if (count > 0) {
      log.info(
          "{}: {} more deliveries were ignored in one second, past the {} logged one by one;"
              + " GET /deliveries?decision=ignored lists each with its reason",
          source,
          count,
          linesPerSecond);
    }
  }
}
