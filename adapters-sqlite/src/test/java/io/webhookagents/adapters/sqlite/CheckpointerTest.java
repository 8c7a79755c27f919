package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The background checkpoint, on a real file written through the group-commit writer. */
class CheckpointerTest {
  private static final int ROWS = 3_000;

  @TempDir Path directory;
  private Path file;
  private SQLiteDataSource source;
  private GroupCommitWriter writer;
  private Checkpointer checkpointer;

  @BeforeEach
  void start() {
    file = directory.resolve("checkpoint.db");
    source = ConnectionPool.writerSource(file, Synchronous.FULL);
    writer =
        GroupCommitWriter.start(() -> ConnectionPool.writerConnection(source), file.toString());
  }

  @AfterEach
  void stop() {
    writer.close();
    checkpointer.close();
  }

  @Test
  void theWriter_leavesCheckpointsToTheCheckpointer_andItCopiesTheLogIntoTheFile()
      throws Exception {
    checkpointer = startCheckpointer(3_600_000);
    writeRows();
    long fileBefore = Files.size(file);

    checkpointer.checkpointNow();

    assertThat(fileBefore).as("the file before the checkpoint").isLessThan(1_000_000);
    assertThat(Files.size(file)).as("the file after it").isGreaterThan(ROWS * 4_000L);
  }

  @Test
  void everyIntervalAfterACommit_theLogIsCopiedWithoutBeingAsked() throws Exception {
    checkpointer = startCheckpointer(50);

    writeRows();

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.size(file) <= ROWS * 4_000L && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.size(file)).isGreaterThan(ROWS * 4_000L);
  }

  private Checkpointer startCheckpointer(long intervalMillis) {
    return Checkpointer.start(
        source::getConnection, file.toString(), writer::commits, intervalMillis);
  }

  private void writeRows() {
    writer.write("create", connection -> execute(connection, "CREATE TABLE t (v TEXT)"));
    for (int i = 0; i < ROWS; i++) {
      // A row per transaction, each a page or more of log: well past SQLite's own threshold of
      // a thousand pages, at which the writer would otherwise have copied them itself.
      int row = i;
      writer.write("insert " + row, connection -> insert(connection, "x".repeat(4000) + row));
    }
  }

  private static int execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return 0;
    }
  }

  private static int insert(Connection connection, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
      statement.setString(1, value);
      return statement.executeUpdate();
    }
  }
}
