package io.webhookagents.app;

import io.webhookagents.ports.in.CheckReadiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers readiness probes from a check made at most a second ago. Each check writes a heartbeat
 * through the database's one writer, and {@code /ready} needs no token, so without this anyone
 * could add a durable write per request to intake's. While one probe checks, the others get the
 * last answer rather than wait, unless the check has taken over {@value #SLOW_SECONDS} s: then the
 * database is in trouble (locked by another process, say), and they say so. Only the very first
 * probes wait for a check.
 */
final class RecentReadiness implements CheckReadiness {
  static final Duration FRESH = Duration.ofSeconds(1);
  static final long SLOW_SECONDS = 2;

  private final CheckReadiness check;
  private final LongSupplier nanoTime;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile @Nullable Answer last;
  private volatile long checkStartedNanos;

  private record Answer(List<String> problems, long atNanos) {}

  RecentReadiness(CheckReadiness check, LongSupplier nanoTime) {
    this.check = check;
    this.nanoTime = nanoTime;
  }

  @Override
  public List<String> problems() {
    Answer seen = last;
    if (seen != null && nanoTime.getAsLong() - seen.atNanos() < FRESH.toNanos()) {
      return seen.problems();
    }
    if (seen == null) {
      checking.lock();
    } else if (!checking.tryLock()) {
      long checkingFor = nanoTime.getAsLong() - checkStartedNanos;
      if (checkingFor > TimeUnit.SECONDS.toNanos(SLOW_SECONDS)) {
        return List.of(
            "the readiness check has waited "
                + TimeUnit.NANOSECONDS.toSeconds(checkingFor)
                + " s for the database to take a write");
      }
      return seen.problems();
    }

    try {
      Answer now = last;
      if (now == null || now == seen) {
        checkStartedNanos = nanoTime.getAsLong();
        now = new Answer(List.copyOf(check.problems()), nanoTime.getAsLong());
        last = now;
      }
      return now.problems();
    } finally {
      checking.unlock();
    }
  }
}
