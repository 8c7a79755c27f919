package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Records deliveries in the {@code deliveries} table and looks them up by source and id. */
final class DeliveryRows {
  private static final String FIND =
      "SELECT agent_id FROM deliveries WHERE source = ? AND delivery_id = ?";
  private static final String INSERT =
      "INSERT INTO deliveries"
          + " (source, delivery_id, kind, decision, reason, agent_id, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private DeliveryRows() {}

  /** The delivery recorded before with the same source and id, with the agent it created. */
  static Optional<RecordOutcome.AlreadySeen> findEarlier(
      Connection connection, DeliveryRecord delivery) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(FIND)) {
      query.setString(1, delivery.source().wireName());
      query.setString(2, delivery.deliveryId());
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        String agentId = rows.getString("agent_id");
        return Optional.of(
            new RecordOutcome.AlreadySeen(agentId == null ? null : new AgentId(agentId)));
      }
    }
  }

  static void insert(Connection connection, DeliveryRecord delivery) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, delivery.source().wireName());
      statement.setString(2, delivery.deliveryId());
      statement.setString(3, delivery.kind());
      statement.setString(4, delivery.decision());
      Columns.setText(statement, 5, delivery.reason());
      AgentId agentId = delivery.agentId();
      Columns.setText(statement, 6, agentId == null ? null : agentId.value());
      Columns.setTime(statement, 7, delivery.receivedAt());
      statement.executeUpdate();
    }
  }
}
