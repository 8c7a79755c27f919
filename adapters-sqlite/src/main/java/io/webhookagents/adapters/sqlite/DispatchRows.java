package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The dispatcher's queries: leases on waiting agents, and the agents it keeps an eye on. */
final class DispatchRows {
  // The status test is written exactly as in the partial index agents_waiting. Named with
  // INDEXED BY, it is read oldest first until enough are found, with no sort and no table
  // lookups; left to itself the planner may pick agents_by_status and sort every waiting agent.
  private static final String CLAIM = claim("");
  private static final String CLAIM_IN_STATUS = claim(" AND status = ?");
  private static final String RELEASE =
      "UPDATE agents SET lease_owner = NULL, lease_until = NULL"
          + " WHERE id = ? AND lease_owner = ?";
  // Only waiting agents hold leases: a change to running or to an end releases them.
  private static final String RELEASE_ALL =
      "UPDATE agents SET lease_owner = NULL, lease_until = NULL"
          + " WHERE id IN (SELECT id FROM agents INDEXED BY agents_waiting"
          + " WHERE status IN ('pending', 'session_created') AND lease_until IS NOT NULL)";
  private static final String COUNT_ACTIVE =
      "SELECT count(*) FROM agents WHERE status IN ('session_created', 'running')";
  private static final String COUNT_BY_STATUS =
      "SELECT status, count(*) FROM agents GROUP BY status";
  private static final String RUNNING_SINCE =
      "SELECT "
          + AgentRows.COLUMNS
          + " FROM agents INDEXED BY agents_running"
          + " WHERE status = 'running' AND started_at < ?"
          + " ORDER BY started_at, id LIMIT ?";

  private DispatchRows() {}

  private static String claim(String andAlso) {
    return "UPDATE agents SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
        + " WHERE id IN (SELECT id FROM agents INDEXED BY agents_waiting"
        + " WHERE status IN ('pending', 'session_created')"
        + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
        + " AND (lease_until IS NULL OR lease_until < ?)"
        + andAlso
        + " ORDER BY id LIMIT ?)"
        + " RETURNING "
        + AgentRows.COLUMNS;
  }

  /** Claims agents in either waiting status, or only in {@code waiting} when it is not null. */
  static List<Agent> claim(
      Connection connection,
      @Nullable AgentStatus waiting,
      int max,
      String owner,
      Instant now,
      Instant leaseUntil)
      throws SQLException {
    List<Agent> claimed;
    try (PreparedStatement statement =
        connection.prepareStatement(waiting == null ? CLAIM : CLAIM_IN_STATUS)) {
      int column = 1;
      statement.setString(column++, owner);
      Columns.setTime(statement, column++, leaseUntil);
      Columns.setTime(statement, column++, now);
      Columns.setTime(statement, column++, now);
      if (waiting != null) {
        statement.setString(column++, waiting.wireName());
      }
      statement.setInt(column, max);
      claimed = AgentRows.readAll(statement);
    }

    // RETURNING gives rows in no promised order.
    claimed.sort(Comparator.comparing(Agent::id));
    return claimed;
  }

  static boolean release(Connection connection, AgentId id, String owner) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
      statement.setString(1, id.value());
      statement.setString(2, owner);
      return statement.executeUpdate() == 1;
    }
  }

  static int releaseAll(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RELEASE_ALL)) {
      return statement.executeUpdate();
    }
  }

  static int countActive(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(COUNT_ACTIVE);
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Every status with its count; statuses no agent has count 0. */
  static Map<AgentStatus, Integer> countByStatus(Connection connection) throws SQLException {
    Map<AgentStatus, Integer> counts = new EnumMap<>(AgentStatus.class);
    for (AgentStatus status : AgentStatus.values()) {
      counts.put(status, 0);
    }
    try (PreparedStatement query = connection.prepareStatement(COUNT_BY_STATUS);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        int count = rows.getInt(2);
        AgentStatus.fromWireName(rows.getString(1)).ifPresent(s -> counts.put(s, count));
      }
    }
    return counts;
  }

  static List<Agent> runningSince(Connection connection, Instant startedBefore, int max)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(RUNNING_SINCE)) {
      Columns.setTime(query, 1, startedBefore);
      query.setInt(2, max);
      return AgentRows.readAll(query);
    }
  }
}
