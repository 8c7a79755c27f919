package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.AgentId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Reads columns the port does not show, straight from the test database file. */
final class RawRows {
  private RawRows() {}

  static @Nullable String leaseOwner(Path directory, AgentId id) throws SQLException {
    String url = "jdbc:sqlite:" + directory.resolve("agents.db");
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement query =
            connection.prepareStatement("SELECT lease_owner FROM agents WHERE id = ?")) {
      query.setString(1, id.value());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new AssertionError("no agent " + id);
        }
        return row.getString(1);
      }
    }
  }
}
