package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.StoreException;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A file that can take no new pages, as on a full disk: new rows are refused while the heartbeat,
 * which rewrites its row in place, still commits. Readiness must not take the heartbeat's word.
 */
class FullDatabaseTest {
  @TempDir Path directory;

  private HikariDataSource pool;
  private GroupCommitWriter writer;
  private Transactions transactions;
  private SqliteAgentStore store;

  @BeforeEach
  void open() {
    Path file = directory.resolve("agents.db");
    SqliteDatabase.open(SqliteSettings.at(file)).close();
    pool = ConnectionPool.open(file, 2, Synchronous.FULL);
    SQLiteDataSource writes = ConnectionPool.writerSource(file, Synchronous.FULL);
    writer =
        GroupCommitWriter.start(() -> ConnectionPool.writerConnection(writes), file.toString());
    transactions = new Transactions(pool, writer);
    store = new SqliteAgentStore(transactions, file.toString());
  }

  @AfterEach
  void close() {
    writer.close();
    pool.close();
  }

  @Test
  void rowsRefusedForSpace_makeTheDatabaseNotWritable_thoughTheHeartbeatCommits() {
    assertThat(store.writeProblem()).isEmpty();
    stopGrowing();

    assertThatThrownBy(this::recordUntilRefused)
        .isInstanceOf(StoreException.class)
        .hasStackTraceContaining("database or disk is full");
    int rewritten =
        transactions.write(
            "rewrite the heartbeat",
            connection -> {
              try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE heartbeat SET at = at + 1");
              }
            });
    assertThat(rewritten).isEqualTo(1);

    assertThat(store.writeProblem())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith("the database cannot be written: a write was refused 0 s ago:")
                    .contains("database or disk is full"));
  }

  @Test
  void aWriteFailingOnItsOwnData_leavesTheDatabaseWritable() {
    assertThat(store.writeProblem()).isEmpty();

    assertThatThrownBy(
            () ->
                transactions.write(
                    "break a constraint",
                    connection -> {
                      try (Statement statement = connection.createStatement()) {
                        return statement.executeUpdate(
                            "INSERT INTO heartbeat (id, at) VALUES (1, 'x')");
                      }
                    }))
        .isInstanceOf(StoreException.class);

    assertThat(store.writeProblem()).isEmpty();
  }

  /** Caps the file at the pages it has: SQLite then refuses any write that needs another. */
  private void stopGrowing() {
    transactions.write(
        "cap the file",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA max_page_count = 1");
          }
          return 0;
        });
  }

  private void recordUntilRefused() {
    for (int i = 0; i < 10_000; i++) {
      store.recordDelivery(ping("d-" + i), null, null);
    }
  }

  private static DeliveryRecord ping(String id) {
    return new DeliveryRecord(
        Source.GITHUB, id, "ping", DeliveryRecord.IGNORED, "ping", null, Fixtures.T0);
  }
}
