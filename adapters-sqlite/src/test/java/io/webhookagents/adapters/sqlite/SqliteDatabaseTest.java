package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  @TempDir Path directory;

  @Test
  void open_createsMissingParentDirectories() {
    Path file = directory.resolve("a/b/c/agents.db");

    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      assertThat(database.agentStore().writeProblem()).isEmpty();
    }

    assertThat(file).isRegularFile();
  }

  @Test
  void absolute_dropsDotSteps_keepsDotDotSteps() {
    Path cwd = Path.of("").toAbsolutePath();

    assertThat(SqliteDatabase.absolute(Path.of("./data/agents.db")))
        .isEqualTo(cwd.resolve("data").resolve("agents.db"));
    assertThat(SqliteDatabase.absolute(Path.of("/srv/./a/../b/./agents.db")))
        .isEqualTo(Path.of("/srv/a/../b/agents.db"));
  }

  @Test
  void reopeningAnExistingFile_keepsItsDataAndSchema() {
    Path file = directory.resolve("agents.db");
    Agent agent;
    try (SqliteDatabase first = SqliteDatabase.open(SqliteSettings.at(file))) {
      agent = record(first.agentStore(), pending(1));
    }

    try (SqliteDatabase second = SqliteDatabase.open(SqliteSettings.at(file))) {
      assertThat(second.agentStore().find(agent.id())).contains(agent);
      assertThat(second.agentStore().timeline(agent.id())).hasSize(1);
    }
  }

  @Test
  void connections_useWalJournal_fullSync_foreignKeys_andABusyTimeout() throws Exception {
    Path file = directory.resolve("agents.db");

    try (HikariDataSource pool = ConnectionPool.open(file, 1);
        Connection connection = pool.getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "synchronous")).isEqualTo("2");
      assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
    }
  }

  @Test
  void aFileAlreadyOpen_isRefused_untilItIsClosed() {
    Path file = directory.resolve("agents.db");
    SqliteDatabase first = SqliteDatabase.open(SqliteSettings.at(file));
    Agent agent;
    try {
      agent = record(first.agentStore(), pending(1));

      assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.at(file)))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "database "
                  + file
                  + " is in use by another process (it holds "
                  + file
                  + ".lock); run one process per database file");
    } finally {
      first.close();
    }

    try (SqliteDatabase second = SqliteDatabase.open(SqliteSettings.at(file))) {
      assertThat(second.agentStore().find(agent.id())).contains(agent);
    }
  }

  @Test
  void aRefusedSecondOpen_leavesTheFirstOnesLockHeldAgainstOtherProcesses() throws Exception {
    Path file = directory.resolve("agents.db");
    Path lockFile = directory.resolve("agents.db.lock");
    try (SqliteDatabase first = SqliteDatabase.open(SqliteSettings.at(file))) {
      assertThat(LockProbe.seenFromAnotherProcess(lockFile)).isEqualTo("held");

      assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.at(file)))
          .isInstanceOf(StoreException.class);

      assertThat(LockProbe.seenFromAnotherProcess(lockFile)).isEqualTo("held");
    }
    assertThat(LockProbe.seenFromAnotherProcess(lockFile)).isEqualTo("free");
  }

  @Test
  void aLinkToAFileAlreadyOpen_isRefusedToo() throws Exception {
    Path file = directory.resolve("agents.db");
    Path link = directory.resolve("alias.db");
    try (SqliteDatabase first = SqliteDatabase.open(SqliteSettings.at(file))) {
      Files.createSymbolicLink(link, file);

      assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.at(link)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is in use by another process (it holds " + file + ".lock)");
    }
  }

  @Test
  void aLinkToAFileNotYetThere_locksTheFileItWillMake() throws Exception {
    Path file = directory.resolve("agents.db");
    Path link = directory.resolve("alias.db");
    Files.createSymbolicLink(link, file);
    try (SqliteDatabase first = SqliteDatabase.open(SqliteSettings.at(link))) {

      assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.at(file)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is in use by another process (it holds " + file + ".lock)");
    }
  }

  @Test
  void writeProblem_onAClosedDatabase_isOneRatherThanAnError() {
    SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(directory.resolve("a.db")));
    database.close();

    assertThat(database.agentStore().writeProblem()).isPresent();
  }

  @Test
  void writeProblem_whenAWriteCannotCommit_isOneRatherThanAnError() throws Exception {
    Path file = directory.resolve("agents.db");
    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      Agent agent = record(database.agentStore(), pending(1));
      // File permissions cannot stage this (root ignores them, and open files stay writable), so
      // a trigger makes SQLite itself refuse the write.
      refuseHeartbeats(file);

      boolean writable = database.agentStore().writeProblem().isEmpty();

      assertThat(writable).isFalse();
      assertThat(database.agentStore().find(agent.id())).contains(agent);
    }
  }

  @Test
  void open_onAReadOnlyDirectory_failsNamingTheFile() {
    // Root ignores file permissions, so as root this case cannot be staged; it is skipped.
    assumeThat(System.getProperty("user.name")).isNotEqualTo("root");
    Path file = directory.resolve("agents.db");
    SqliteDatabase.open(SqliteSettings.at(file)).close();
    makeReadOnly(file);

    assertThatThrownBy(() -> SqliteDatabase.open(SqliteSettings.at(file)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
  }

  private static void refuseHeartbeats(Path file) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String event : new String[] {"INSERT", "UPDATE"}) {
        statement.execute(
            "CREATE TRIGGER refuse_"
                + event
                + " BEFORE "
                + event
                + " ON heartbeat"
                + " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
      }
    }
  }

  private static void makeReadOnly(Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path part = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(part)) {
        assertThat(part.toFile().setWritable(false, false)).isTrue();
      }
    }
    assertThat(file.getParent().toFile().setWritable(false, false)).isTrue();
  }

  private static String pragma(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
