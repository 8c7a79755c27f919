package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Pages through the delivery log newest first, filtered as the query asks. */
final class DeliveryListRows {
  private DeliveryListRows() {}

  static List<StoredDelivery> list(Connection connection, DeliveryQuery query) throws SQLException {
    Source source = query.source();
    Filter filter = new Filter();
    filter.add("source = ?", source == null ? null : source.wireName());
    filter.add("decision = ?", query.decision());
    filter.add("id < ?", query.before());

    String sql =
        "SELECT "
            + DeliveryRows.COLUMNS
            + " FROM deliveries"
            + filter.where()
            + " ORDER BY id DESC LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = filter.bind(statement);
      statement.setInt(next, query.limit());
      return readAll(statement);
    }
  }

  private static List<StoredDelivery> readAll(PreparedStatement query) throws SQLException {
    List<StoredDelivery> deliveries = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        deliveries.add(
            new StoredDelivery(
                rows.getLong("id"), DeliveryRows.read(rows), rows.getLong("redeliveries")));
      }
    }
    return deliveries;
  }
}
