package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pages through agents newest first. Only the filters a query sets become conditions, so SQLite can
 * pick the index that fits; every value is bound, never written into the SQL.
 */
final class ListRows {
  private ListRows() {}

  static List<Agent> list(Connection connection, AgentQuery query) throws SQLException {
    AgentStatus status = query.status();
    Source source = query.source();
    AgentId before = query.before();
    Filter filter = new Filter();
    filter.add("status = ?", status == null ? null : status.wireName());
    filter.add("source = ?", source == null ? null : source.wireName());
    filter.add("repo = ?", query.repo());
    filter.add("id < ?", before == null ? null : before.value());

    String sql =
        "SELECT "
            + AgentRows.COLUMNS
            + " FROM agents"
            + filter.where()
            + " ORDER BY id DESC LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = filter.bind(statement);
      statement.setInt(next, query.limit());
      return AgentRows.readAll(statement);
    }
  }

  /** The conditions of a query's set filters and the values they bind. */
  private static final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    void add(String condition, @Nullable String value) {
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
      for (String value : values) {
        statement.setString(index++, value);
      }
      return index;
    }
  }
}
