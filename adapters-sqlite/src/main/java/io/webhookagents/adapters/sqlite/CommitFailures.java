package io.webhookagents.adapters.sqlite;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed commits: a warning with the stack trace when the reason is new or was last told a
 * minute ago, else one debug line. A database that is gone, full or locked fails every commit
 * alike, hundreds a second under load; one warning a minute says why, and the callers' own lines
 * say which writes were lost. One writer's; thread-safe.
 */
final class CommitFailures {
  private static final Logger log = LoggerFactory.getLogger(GroupTransaction.class);
  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  // Guarded by this: commits fail on the writer thread, or on a caller's holding its lock.
  private @Nullable String lastReason;
  private long lastTraced;

  void logged(String database, String writes, SQLException e) {
    String reason = String.valueOf(e.getMessage());
    long now = System.nanoTime();
    boolean trace;
    synchronized (this) {
      trace = !Objects.equals(reason, lastReason) || now - lastTraced > REPEAT_NANOS;
      if (trace) {
        lastReason = reason;
        lastTraced = now;
      }
    }
    if (trace) {
      log.warn("database {}: could not commit {}", database, writes, e);
    } else {
      log.debug("database {}: could not commit {}: {} (again)", database, writes, reason);
    }
  }
}
