package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.StatusEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Appends to and reads agents' timelines in the {@code agent_events} table. */
final class EventRows {
  private static final String INSERT =
      "INSERT INTO agent_events (agent_id, status, at, detail) VALUES (?, ?, ?, ?)";
  private static final String TIMELINE =
      "SELECT status, at, detail FROM agent_events WHERE agent_id = ? ORDER BY id";

  private EventRows() {}

  static void append(Connection connection, AgentId id, StatusEvent event) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, id.value());
      statement.setString(2, event.status().wireName());
      Columns.setTime(statement, 3, event.at());
      Columns.setText(statement, 4, event.detail());
      statement.executeUpdate();
    }
  }

  static List<StatusEvent> timeline(Connection connection, AgentId id) throws SQLException {
    List<StatusEvent> events = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(TIMELINE)) {
      query.setString(1, id.value());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(
              new StatusEvent(
                  AgentRows.status(id.value(), rows.getString("status")),
                  Columns.time(rows, "at"),
                  rows.getString("detail")));
        }
      }
    }
    return events;
  }
}
