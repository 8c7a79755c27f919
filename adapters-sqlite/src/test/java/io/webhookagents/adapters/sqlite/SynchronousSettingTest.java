package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import io.webhookagents.domain.Agent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynchronousSettingTest {
  @TempDir Path directory;

  @Test
  void settings_syncEveryCommitUnlessToldOtherwise() {
    Path file = directory.resolve("agents.db");

    assertThat(SqliteSettings.at(file).synchronous()).isEqualTo(Synchronous.FULL);
    assertThat(new SqliteSettings(file, 2).synchronous()).isEqualTo(Synchronous.FULL);
    assertThat(SqliteSettings.at(file).withSynchronous(Synchronous.NORMAL))
        .isEqualTo(new SqliteSettings(file, SqliteSettings.DEFAULT_POOL_SIZE, Synchronous.NORMAL));
  }

  @Test
  void parse_takesEitherModeInAnyCase() {
    assertThat(Synchronous.parse("full")).isEqualTo(Synchronous.FULL);
    assertThat(Synchronous.parse(" Normal ")).isEqualTo(Synchronous.NORMAL);
  }

  @Test
  void parse_ofAnotherMode_failsNamingTheChoices() {
    assertThatThrownBy(() -> Synchronous.parse("off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("synchronous must be FULL or NORMAL, was 'off'");
  }

  @Test
  void normal_isSetOnPooledAndWriteConnections() throws Exception {
    Path file = directory.resolve("agents.db");

    try (HikariDataSource pool = ConnectionPool.open(file, 1, Synchronous.NORMAL);
        Connection read = pool.getConnection();
        Connection write = ConnectionPool.writerSource(file, Synchronous.NORMAL).getConnection()) {
      assertThat(pragma(read, "synchronous")).isEqualTo(1);
      assertThat(pragma(write, "synchronous")).isEqualTo(1);
    }
  }

  @Test
  void writeConnections_syncFully_keepTemporaryDataInMemory_andEnforceForeignKeys()
      throws Exception {
    Path file = directory.resolve("agents.db");

    try (Connection write = ConnectionPool.writerSource(file, Synchronous.FULL).getConnection()) {
      assertThat(pragma(write, "synchronous")).isEqualTo(2);
      assertThat(pragma(write, "temp_store")).isEqualTo(2);
      assertThat(pragma(write, "foreign_keys")).isEqualTo(1);
      assertThat(pragma(write, "busy_timeout")).isEqualTo(ConnectionPool.BUSY_TIMEOUT_MILLIS);
    }
  }

  @Test
  void databaseWithNormalCommits_storesAndFindsAgents() {
    SqliteSettings settings =
        SqliteSettings.at(directory.resolve("agents.db")).withSynchronous(Synchronous.NORMAL);

    try (SqliteDatabase database = SqliteDatabase.open(settings)) {
      Agent agent = record(database.agentStore(), pending(1));

      assertThat(database.agentStore().find(agent.id())).contains(agent);
    }
  }

  private static int pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      row.next();
      return row.getInt(1);
    }
  }
}
