package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Pages through agents newest first, filtered as the query asks. */
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
}
