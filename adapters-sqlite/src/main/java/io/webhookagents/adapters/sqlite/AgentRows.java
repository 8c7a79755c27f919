package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Turns rows of the {@code agents} table into {@link Agent}s and back. */
final class AgentRows {
  /** The columns {@link #read} needs, for the select list of any query over agents. */
  static final String COLUMNS =
      "id, source, webhook_event, action, delivery_id, repo, subject, url, prompt, status,"
          + " session_id, task_id, attempts, last_error, created_at, updated_at";

  private static final String INSERT =
      "INSERT INTO agents ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private AgentRows() {}

  static void insert(Connection connection, Agent agent) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, agent.id().value());
      statement.setString(2, agent.source().wireName());
      statement.setString(3, agent.webhookEvent());
      Columns.setText(statement, 4, agent.action());
      statement.setString(5, agent.deliveryId());
      statement.setString(6, agent.repo());
      statement.setString(7, agent.subject());
      Columns.setText(statement, 8, agent.url());
      statement.setString(9, agent.prompt());
      statement.setString(10, agent.status().wireName());
      Columns.setText(statement, 11, agent.sessionId());
      Columns.setText(statement, 12, agent.taskId());
      statement.setInt(13, agent.attempts());
      Columns.setText(statement, 14, agent.lastError());
      Columns.setTime(statement, 15, agent.createdAt());
      Columns.setTime(statement, 16, agent.updatedAt());
      statement.executeUpdate();
    }
  }

  /** Runs a query whose select list is {@link #COLUMNS} and reads every row it returns. */
  static List<Agent> readAll(PreparedStatement query) throws SQLException {
    List<Agent> agents = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        agents.add(read(rows));
      }
    }
    return agents;
  }

  static Agent read(ResultSet row) throws SQLException {
    String id = row.getString("id");
    return new Agent(
        new AgentId(id),
        source(id, row.getString("source")),
        row.getString("webhook_event"),
        row.getString("action"),
        row.getString("delivery_id"),
        row.getString("repo"),
        row.getString("subject"),
        row.getString("url"),
        row.getString("prompt"),
        status(id, row.getString("status")),
        row.getString("session_id"),
        row.getString("task_id"),
        row.getInt("attempts"),
        row.getString("last_error"),
        Columns.time(row, "created_at"),
        Columns.time(row, "updated_at"));
  }

  static AgentStatus status(String id, String wireName) throws SQLException {
    return AgentStatus.fromWireName(wireName)
        .orElseThrow(() -> new SQLException("agent " + id + " has unknown status " + wireName));
  }

  private static Source source(String id, String wireName) throws SQLException {
    return Source.fromWireName(wireName)
        .orElseThrow(() -> new SQLException("agent " + id + " has unknown source " + wireName));
  }
}
