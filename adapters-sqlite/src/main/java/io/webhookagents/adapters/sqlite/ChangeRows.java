package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AgentChange} over the stored agent, guarded by the status it expects.
 *
 * <p>Only what a change can change is written: status, session, task, last error and update time.
 * {@code attempts} is left as stored because {@link DispatchRows#claim} counts it; a change built
 * from a copy read before a claim would otherwise count that attempt away.
 */
final class ChangeRows {
  private static final String UPDATE =
      "UPDATE agents SET status = ?, session_id = ?, task_id = ?, last_error = ?, updated_at = ?,"
          + " started_at = COALESCE(?, started_at),"
          + " next_attempt_at = COALESCE(?, next_attempt_at),"
          + " lease_owner = CASE WHEN ? THEN NULL ELSE lease_owner END,"
          + " lease_until = CASE WHEN ? THEN NULL ELSE lease_until END"
          + " WHERE id = ? AND status = ?";

  private ChangeRows() {}

  /**
   * Stores {@code change.after()} if the agent is still in {@code change.before()}'s status, and
   * with {@code notBefore} set makes it due then and releases its lease.
   *
   * @return false, having written nothing, when the stored status is another
   */
  static boolean update(Connection connection, AgentChange change, @Nullable Instant notBefore)
      throws SQLException {
    Agent before = change.before();
    Agent after = change.after();
    boolean releaseLease =
        notBefore != null || after.status() == AgentStatus.RUNNING || after.status().isFinal();

    try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
      statement.setString(1, after.status().wireName());
      Columns.setText(statement, 2, after.sessionId());
      Columns.setText(statement, 3, after.taskId());
      Columns.setText(statement, 4, after.lastError());
      Columns.setTime(statement, 5, after.updatedAt());
      Columns.setTime(statement, 6, startedAt(before, after));
      Columns.setTime(statement, 7, notBefore);
      statement.setBoolean(8, releaseLease);
      statement.setBoolean(9, releaseLease);
      statement.setString(10, after.id().value());
      statement.setString(11, before.status().wireName());
      return statement.executeUpdate() == 1;
    }
  }

  /** The time the task started, when this change is the one that starts it. */
  private static @Nullable Instant startedAt(Agent before, Agent after) {
    boolean starts =
        before.status() != AgentStatus.RUNNING && after.status() == AgentStatus.RUNNING;
    return starts ? after.updatedAt() : null;
  }
}
