package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.DeliveryRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads rows of the {@code deliveries} table, the log of every delivery received.
 *
 * <p>A source's delivery id has at most one original row, whatever was decided about it. Each later
 * delivery of the same id is logged as a {@code duplicate} row beside it, and counted on the
 * original; of those rows only the newest {@value #DUPLICATE_ROWS} of an id are kept, so a signed
 * delivery replayed without end does not grow the log.
 */
final class DeliveryRows {
  /** How many duplicate rows of one delivery id are kept, the newest. */
  static final int DUPLICATE_ROWS = 10;

  /** The columns {@link #read} needs, for the select list of any query over deliveries. */
  static final String COLUMNS =
      "id, source, delivery_id, kind, decision, reason, agent_id, received_at, redeliveries";

  // The condition on decision is written as in the partial index deliveries_original, so that
  // SQLite looks the original up in it.
  private static final String FIND_ORIGINAL =
      "SELECT id, decision, agent_id, received_at, redeliveries FROM deliveries"
          + " WHERE source = ? AND delivery_id = ? AND decision <> 'duplicate'";
  private static final String COUNT_REDELIVERY =
      "UPDATE deliveries SET redeliveries = redeliveries + 1 WHERE id = ?";
  // Written as the partial index deliveries_duplicates is, so that SQLite reads only this id's
  // duplicates, newest first, in it.
  private static final String DELETE_OLDER_DUPLICATES =
      "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries"
          + " WHERE source = ? AND delivery_id = ? AND decision = 'duplicate'"
          + " ORDER BY id DESC LIMIT -1 OFFSET "
          + DUPLICATE_ROWS
          + ")";
  private static final String INSERT =
      "INSERT INTO deliveries"
          + " (source, delivery_id, kind, decision, reason, agent_id, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  // Only the oldest rows are looked at, by id, which grows as deliveries arrive: a round that finds
  // nothing to delete reads a batch of rows, not the table. A row received earlier than one with a
  // lower id (commits grouped out of order) waits for a later round.
  private static final String DELETE_OLDEST =
      "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries ORDER BY id LIMIT ?)"
          + " AND received_at < ?";

  private DeliveryRows() {}

  /** Deletes those of the {@code max} oldest rows received before {@code before}. */
  static int deleteOldest(Connection connection, Instant before, int max) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE_OLDEST)) {
      statement.setInt(1, max);
      Columns.setTime(statement, 2, before);
      return statement.executeUpdate();
    }
  }

  /** The first delivery recorded with a source's delivery id, as far as a duplicate needs it. */
  record Original(
      long rowId,
      String decision,
      @Nullable AgentId agentId,
      Instant receivedAt,
      long redeliveries) {

    /** Whether the duplicate rows of this id, with one more, may be more than are kept. */
    boolean mayOverflowDuplicates() {
      return redeliveries >= DUPLICATE_ROWS;
    }

    /** {@code delivery}, which came again, as the duplicate of this original. */
    DeliveryRecord duplicate(DeliveryRecord delivery) {
      return new DeliveryRecord(
          delivery.source(),
          delivery.deliveryId(),
          delivery.kind(),
          DeliveryRecord.DUPLICATE,
          "delivered before at " + receivedAt + " (decision: " + decision + ")",
          agentId,
          delivery.receivedAt());
    }
  }

  /** The original of the delivery with the same source and id, if one was recorded. */
  static Optional<Original> findOriginal(Connection connection, DeliveryRecord delivery)
      throws SQLException {
    return findOriginal(connection, delivery.source(), delivery.deliveryId());
  }

  /** The delivery recorded first with this source and id, if there is one. */
  static Optional<Original> findOriginal(Connection connection, Source source, String deliveryId)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(FIND_ORIGINAL)) {
      query.setString(1, source.wireName());
      query.setString(2, deliveryId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Original(
                row.getLong("id"),
                row.getString("decision"),
                agentId(row.getString("agent_id")),
                Columns.time(row, "received_at"),
                row.getLong("redeliveries")));
      }
    }
  }

  /** Counts one more delivery of the original's id on its row. */
  static void countRedelivery(Connection connection, Original original) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(COUNT_REDELIVERY)) {
      statement.setLong(1, original.rowId());
      statement.executeUpdate();
    }
  }

  /** Deletes the duplicate rows of this delivery's id but the newest {@value #DUPLICATE_ROWS}. */
  static void deleteOlderDuplicates(Connection connection, DeliveryRecord delivery)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE_OLDER_DUPLICATES)) {
      statement.setString(1, delivery.source().wireName());
      statement.setString(2, delivery.deliveryId());
      statement.executeUpdate();
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

  /** Reads a row selected with {@link #COLUMNS}. */
  static DeliveryRecord read(ResultSet row) throws SQLException {
    String deliveryId = row.getString("delivery_id");
    return new DeliveryRecord(
        source(deliveryId, row.getString("source")),
        deliveryId,
        row.getString("kind"),
        row.getString("decision"),
        row.getString("reason"),
        agentId(row.getString("agent_id")),
        Columns.time(row, "received_at"));
  }

  private static @Nullable AgentId agentId(@Nullable String value) {
    return value == null ? null : new AgentId(value);
  }

  private static Source source(String deliveryId, String wireName) throws SQLException {
    return Source.fromWireName(wireName)
        .orElseThrow(
            () -> new SQLException("delivery " + deliveryId + " has unknown source " + wireName));
  }
}
