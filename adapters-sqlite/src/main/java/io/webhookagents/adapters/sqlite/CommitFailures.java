package io.webhookagents.adapters.sqlite;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed commits, and remembers the last write the file refused so that readiness can say so.
 *
 * <p>A failed commit is logged as a warning with its stack trace when the reason is new or was last
 * told a minute ago, else as one debug line. A database that is gone, full or locked fails every
 * commit alike, hundreds a second under load; one warning a minute says why, and the callers' own
 * lines say which writes were lost.
 *
 * <p>Readiness writes a heartbeat, which on a full disk can still succeed for a while: it rewrites
 * a row in place, while new rows need space the file cannot get. So a refused commit, or a write
 * that failed for want of space or for an I/O error, keeps the database reported as not writable
 * for {@value #REPORTED_SECONDS} s. One writer's; thread-safe.
 */
final class CommitFailures {
  /** How long a refused write keeps the database reported as not writable. */
  static final long REPORTED_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(GroupTransaction.class);
  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  // SQLite's primary result codes that say the file, not the write, is at fault: READONLY, IOERR,
  // CORRUPT, FULL, CANTOPEN, NOTADB.
  private static final Set<Integer> STORAGE_CODES = Set.of(8, 10, 11, 13, 14, 26);

  private final LongSupplier nanoTime;

  // Guarded by this: commits fail on the writer thread, or on a caller's holding its lock.
  private @Nullable String lastReason;
  private long lastTraced;

  private volatile @Nullable Refusal lastRefusal;

  private record Refusal(String reason, long atNanos) {}

  CommitFailures() {
    this(System::nanoTime);
  }

  CommitFailures(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Logs a commit, or the begin of a transaction, that failed for {@code writes}. */
  void logged(String database, String writes, SQLException e) {
    String reason = String.valueOf(e.getMessage());
    long now = nanoTime.getAsLong();
    lastRefusal = new Refusal(reason, now);
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

  /**
   * Remembers a write that failed because of the file (full, unreadable, gone); other failures,
   * such as a constraint, are the write's own and the caller's to report.
   */
  void writeFailed(SQLException e) {
    if (STORAGE_CODES.contains(e.getErrorCode() & 0xFF)) {
      lastRefusal = new Refusal(String.valueOf(e.getMessage()), nanoTime.getAsLong());
    }
  }

  /** Why a write was refused in the last {@value #REPORTED_SECONDS} s, and how long ago. */
  Optional<String> recentRefusal() {
    Refusal refusal = lastRefusal;
    if (refusal == null) {
      return Optional.empty();
    }

    long ago = nanoTime.getAsLong() - refusal.atNanos();
    if (ago >= TimeUnit.SECONDS.toNanos(REPORTED_SECONDS)) {
      return Optional.empty();
    }
    return Optional.of(
        "a write was refused "
            + TimeUnit.NANOSECONDS.toSeconds(ago)
            + " s ago: "
            + refusal.reason());
  }
}
