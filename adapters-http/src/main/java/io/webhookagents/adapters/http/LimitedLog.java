package io.webhookagents.adapters.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Log lines of one kind, such as one source's ignored deliveries: one line each, up to a number a
 * second, and past that a count once the second is over. A storm of deliveries the rules ignore,
 * such as a label changed across an organisation, or of requests with a wrong signature, would
 * otherwise write thousands of lines a second, cost the service a tenth of its intake and bury the
 * lines that matter. Ignored deliveries are still recorded each with its reason in the delivery
 * audit ({@code GET /deliveries?decision=ignored}).
 *
 * <p>Thread-safe.
 */
final class LimitedLog {
  /** Lines logged one by one each second, per kind. */
  static final int LINES_PER_SECOND = 20;

  /** Where a line goes: a logger's method for one level, such as {@code log::info}. */
  @FunctionalInterface
  interface Sink {
    void log(String format, Object... arguments);
  }

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final Sink log;
  private final String source;
  private final String what;
  private final String hint;
  private final int linesPerSecond;
  private final LongSupplier nanoTime;
  private final Executor afterASecond;

  // Guarded by this.
  private long secondStarted;
  private int logged;
  private long notLogged;

  /**
   * @param what what the count is of, as in "7 more {@code deliveries were ignored}"
   * @param hint appended to the count's line, such as where to find every one
   * @param afterASecond runs a task about a second later: it logs the count of a second that ended
   *     with no line after it
   */
  LimitedLog(
      Sink log,
      String source,
      String what,
      String hint,
      int linesPerSecond,
      LongSupplier nanoTime,
      Executor afterASecond) {
    this.log = log;
    this.source = source;
    this.what = what;
    this.hint = hint;
    this.linesPerSecond = linesPerSecond;
    this.nanoTime = nanoTime;
    this.afterASecond = afterASecond;
    this.secondStarted = nanoTime.getAsLong() - SECOND;
  }

  /** Production settings: {@value #LINES_PER_SECOND} lines a second on the system clock. */
  static LimitedLog of(Sink log, String source, String what, String hint) {
    return new LimitedLog(
        log,
        source,
        what,
        hint,
        LINES_PER_SECOND,
        System::nanoTime,
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
  }

  /** Logs one line, as {@code format} and {@code arguments} say, or counts it. */
  void log(String format, Object... arguments) {
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
      log.log(format, arguments);
    } else if (firstNotLogged) {
      afterASecond.execute(this::endOfSecond);
    }
  }

  /** Logs the count of the second that ended, unless a line since has logged it. */
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
      log.log(
          "{}: {} more {} in one second, past the {} logged one by one{}",
          source,
          count,
          what,
          linesPerSecond,
          hint);
    }
  }
}
