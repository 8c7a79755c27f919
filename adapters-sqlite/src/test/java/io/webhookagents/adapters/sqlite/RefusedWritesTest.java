package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefusedWritesTest {
  private long now = 1_000;
  private final RefusedWrites refused = new RefusedWrites(() -> now);

  @Test
  void aFailedCommit_isReportedForTenSeconds() {
    refused.commitFailed(new SQLException("disk I/O error", null, 10));

    now += TimeUnit.MILLISECONDS.toNanos(9_999);
    assertThat(refused.recent()).contains("a write was refused 9 s ago: disk I/O error");

    now += TimeUnit.MILLISECONDS.toNanos(1);
    assertThat(refused.recent()).isEmpty();
  }

  @Test
  void aWriteFailingForWantOfSpace_isReported() {
    // 13 is SQLITE_FULL.
    refused.writeFailed(new SQLException("database or disk is full", null, 13));

    assertThat(refused.recent()).contains("a write was refused 0 s ago: database or disk is full");
  }

  @Test
  void anExtendedIoErrorCode_isReadByItsPrimaryCode() {
    // sqlite-jdbc passes primary codes on; another driver might pass 778, SQLITE_IOERR_WRITE.
    refused.writeFailed(new SQLException("disk I/O error", null, 778));

    assertThat(refused.recent()).isPresent();
  }

  @Test
  void aWriteFailingOnItsOwnData_isNotReported() {
    // 19 is SQLITE_CONSTRAINT, 5 SQLITE_BUSY: the write's or another process's, not the file's.
    refused.writeFailed(new SQLException("UNIQUE constraint failed", null, 19));
    refused.writeFailed(new SQLException("database is locked", null, 5));

    assertThat(refused.recent()).isEmpty();
  }

  @Test
  void theLatestRefusal_isTheOneReported() {
    refused.writeFailed(new SQLException("disk I/O error", null, 10));
    now += TimeUnit.SECONDS.toNanos(8);
    refused.writeFailed(new SQLException("database or disk is full", null, 13));
    now += TimeUnit.SECONDS.toNanos(5);

    assertThat(refused.recent()).contains("a write was refused 5 s ago: database or disk is full");
  }
}
