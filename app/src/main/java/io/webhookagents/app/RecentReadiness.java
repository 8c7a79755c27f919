package io.webhookagents.app;

import io.webhookagents.ports.in.CheckReadiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers readiness probes from a check made at most a second ago. Each check writes a heartbeat
 * through the database's one writer, and {@code /ready} needs no token, so without this anyone
 * could add a durable write per request to intake's. While one probe checks, the others get the
 * last answer rather than wait; only the very first probes wait for a check.
 */
final class RecentReadiness implements CheckReadiness {
  static final Duration FRESH = Duration.ofSeconds(1);

  private final CheckReadiness check;
  private final LongSupplier nanoTime;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile @Nullable Answer last;

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
      return seen.problems();
    }

    try {
      Answer now = last;
      if (now == null || now == seen) {
        now = new Answer(List.copyOf(check.problems()), nanoTime.getAsLong());
        last = now;
      }
      return now.problems();
    } finally {
      checking.unlock();
    }
  }
}
