package io.webhookagents.adapters.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Binds and reads the column types this store uses. Times are epoch milliseconds: an {@link
 * Instant} keeps its value to the millisecond, anything finer is dropped.
 */
final class Columns {
  private Columns() {}

  static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static void setTime(PreparedStatement statement, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, value.toEpochMilli());
    }
  }

  static Instant time(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    if (row.wasNull()) {
      throw new SQLException("column " + column + " is null");
    }
    return Instant.ofEpochMilli(millis);
  }
}
