package io.webhookagents.adapters.sqlite;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;

/**
 * The last write the database file refused, remembered for readiness.
 *
 * <p>Readiness writes a heartbeat, which on a full disk can still succeed for a while: it rewrites
 * a row in place, while new rows need space the file cannot get. So what counts here is any commit
 * that failed (nothing in it was written, whatever the reason), and any write or begin that failed
 * because of the file: no space, an I/O error, a file read-only, damaged, gone or no database. A
 * write that failed on its own data, such as a constraint, or waited too long for another process,
 * does not count. A refusal is reported for {@value #REPORTED_SECONDS} s. Thread-safe.
 */
final class RefusedWrites {
  /** How long a refused write keeps the database reported as not writable. */
  static final long REPORTED_SECONDS = 10;

  private static final Set<Integer> FILE_AT_FAULT =
      Set.of(
          SQLiteErrorCode.SQLITE_READONLY.code,
          SQLiteErrorCode.SQLITE_IOERR.code,
          SQLiteErrorCode.SQLITE_CORRUPT.code,
          SQLiteErrorCode.SQLITE_FULL.code,
          SQLiteErrorCode.SQLITE_CANTOPEN.code,
          SQLiteErrorCode.SQLITE_NOTADB.code);

  private final LongSupplier nanoTime;
  private volatile @Nullable Refusal last;

  private record Refusal(String reason, long atNanos) {}

  RefusedWrites() {
    this(System::nanoTime);
  }

  RefusedWrites(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Remembers a commit that failed, for whatever reason. */
  void commitFailed(SQLException e) {
    last = new Refusal(String.valueOf(e.getMessage()), nanoTime.getAsLong());
  }

  /** Remembers a write, or the begin of a transaction, that failed because of the file. */
  void writeFailed(SQLException e) {
    // The low byte is SQLite's primary code, should a driver pass the extended one on.
    if (FILE_AT_FAULT.contains(e.getErrorCode() & 0xFF)) {
      last = new Refusal(String.valueOf(e.getMessage()), nanoTime.getAsLong());
    }
  }

  /** Why a write was refused in the last {@value #REPORTED_SECONDS} s, and how long ago. */
  Optional<String> recent() {
    Refusal refusal = last;
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
