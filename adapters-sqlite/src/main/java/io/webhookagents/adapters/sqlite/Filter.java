package io.webhookagents.adapters.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The conditions of a listing's set filters and the values they bind. Only set filters become
 * conditions, so SQLite can pick the index that fits; every value is bound, never written into the
 * SQL.
 */
final class Filter {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  /** Adds {@code condition}, which has one parameter, unless {@code value} is null. */
  void add(String condition, @Nullable Object value) {
    if (value != null) {
      conditions.add(condition);
      values.add(value);
    }
  }

  String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Binds the values from the first parameter on; returns the index of the next one. */
  int bind(PreparedStatement statement) throws SQLException {
    int index = 1;
    for (Object value : values) {
      statement.setObject(index++, value);
    }
    return index;
  }
}
