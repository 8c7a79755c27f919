package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommitFailuresTest {
  private long now = 1_000;
  private final CommitFailures failures = new CommitFailures(() -> now);

  @Test
  void aRefusedCommit_isReportedForTenSeconds() {
    failures.logged("a.db", "[record delivery d-1]", new SQLException("disk I/O error", null, 10));

    now += TimeUnit.MILLISECONDS.toNanos(9_999);
    assertThat(failures.recentRefusal()).contains("a write was refused 9 s ago: disk I/O error");

    now += TimeUnit.MILLISECONDS.toNanos(1);
    assertThat(failures.recentRefusal()).isEmpty();
  }

  @Test
  void aWriteFailingForWantOfSpace_isReported() {
    // 13 is SQLITE_FULL; the driver may give the extended code, whose low byte is the primary one.
    failures.writeFailed(new SQLException("database or disk is full", null, 13));

    assertThat(failures.recentRefusal())
        .contains("a write was refused 0 s ago: database or disk is full");
  }

  @Test
  void anExtendedIoErrorCode_isReadByItsPrimaryCode() {
    // 778 is SQLITE_IOERR_WRITE: SQLITE_IOERR (10) | 3 << 8.
    failures.writeFailed(new SQLException("disk I/O error", null, 778));

    assertThat(failures.recentRefusal()).isPresent();
  }

  @Test
  void aWriteFailingOnItsOwnData_isNotReported() {
    // 19 is SQLITE_CONSTRAINT, 5 SQLITE_BUSY: the write's or another process's, not the file's.
    failures.writeFailed(new SQLException("UNIQUE constraint failed", null, 19));
    failures.writeFailed(new SQLException("database is locked", null, 5));

    assertThat(failures.recentRefusal()).isEmpty();
  }

  @Test
  void theLatestRefusal_isTheOneReported() {
    failures.writeFailed(new SQLException("disk I/O error", null, 10));
    now += TimeUnit.SECONDS.toNanos(8);
    failures.writeFailed(new SQLException("database or disk is full", null, 13));
    now += TimeUnit.SECONDS.toNanos(5);

    assertThat(failures.recentRefusal())
        .contains("a write was refused 5 s ago: database or disk is full");
  }
}
