package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteConnectionTest {
  private static final String INSERT = "INSERT INTO names (name) VALUES (?)";

  @TempDir Path directory;
  private WriteConnection writeConnection;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    Path file = directory.resolve("cache.db");
    writeConnection =
        new WriteConnection(ConnectionPool.writerSource(file, Synchronous.FULL).getConnection());
    connection = writeConnection.connection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE names (name TEXT NOT NULL PRIMARY KEY)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    writeConnection.close();
  }

  @Test
  void statementClosedByItsUser_isHandedOutAgainForTheSameSql() throws SQLException {
    PreparedStatement first = insert("alice");

    PreparedStatement second = insert("bob");

    assertThat(second).isSameAs(first);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void sameSqlWhileItsStatementIsInUse_getsAStatementOfItsOwn() throws SQLException {
    try (PreparedStatement first = connection.prepareStatement(INSERT);
        PreparedStatement second = connection.prepareStatement(INSERT)) {
      first.setString(1, "alice");
      second.setString(1, "bob");

      first.executeUpdate();
      second.executeUpdate();

      assertThat(second).isNotSameAs(first);
    }
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void statementThatFailed_isReplaced_andTheSqlStillWorks() throws SQLException {
    PreparedStatement first = insert("alice");
    assertThatThrownBy(() -> insert("alice")).isInstanceOf(SQLException.class);

    PreparedStatement afterFailure = insert("bob");

    assertThat(afterFailure).isNotSameAs(first);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void units_cannotEndTheTransactionOrTheConnection() {
    assertThatThrownBy(connection::commit).hasMessageContaining("commit");
    assertThatThrownBy(connection::rollback).hasMessageContaining("rollback");
    assertThatThrownBy(() -> connection.setAutoCommit(false)).hasMessageContaining("setAutoCommit");
    assertThatThrownBy(connection::close).hasMessageContaining("close");
  }

  /** Inserts through the cache and returns the statement it was given, closed. */
  private PreparedStatement insert(String name) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, name);
      statement.executeUpdate();
      return statement;
    }
  }

  private int count() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM names")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
