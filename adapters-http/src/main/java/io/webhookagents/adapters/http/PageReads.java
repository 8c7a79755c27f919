package io.webhookagents.adapters.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many pages of agents are read and sent at once. A page holds its agents' prompts, up
 * to about 17 KB each, so a page of 500 is several megabytes in the heap while it is read; sixteen
 * at once ended a service with a 256 MiB heap. A request past the bound waits a while for its turn,
 * then is refused with a 503 and {@code Retry-After}. Thread-safe.
 */
final class PageReads {
  static final int AT_ONCE = 4;
  static final Duration WAIT = Duration.ofSeconds(10);

  private final int atOnce;
  private final Duration wait;
  private final Semaphore permits;

  PageReads() {
    this(AT_ONCE, WAIT);
  }

  PageReads(int atOnce, Duration wait) {
    this.atOnce = atOnce;
    this.wait = wait;
    this.permits = new Semaphore(atOnce, true);
  }

  /** A page read under way; closing it lets the next one in. */
  interface Turn extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits for a turn to read a page.
   *
   * @throws ProblemException (503) when none came within the wait
   */
  Turn take() {
    boolean taken;
    try {
      taken = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken = false;
    }
    if (!taken) {
      throw Problem.of(
              ProblemType.TOO_MANY_PAGES,
              atOnce
                  + " pages of agents are being read already; ask again in a moment, or for a"
                  + " smaller limit")
          .withHeader("Retry-After", "1")
          .toException();
    }
    return permits::release;
  }
}
