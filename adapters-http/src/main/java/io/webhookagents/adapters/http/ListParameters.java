package io.webhookagents.adapters.http;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.AgentQuery;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The query string of {@code GET /agents}, checked, as an {@link AgentQuery}. */
final class ListParameters {
  private static final List<String> NAMES = List.of("status", "source", "repo", "limit", "before");

  private final QueryString given;
  private final AgentQuery query;

  private ListParameters(QueryString given) {
    this.given = given;
    this.query =
        new AgentQuery(
            status(given.get("status")),
            given.source(),
            given.get("repo"),
            given.limit(),
            before(given.get("before")));
  }

  /** The parameters of a query string as sent; the first value of a repeated one counts. */
  static ListParameters from(String rawQuery) {
    return new ListParameters(QueryString.of("/agents", rawQuery, NAMES));
  }

  AgentQuery query() {
    return query;
  }

  /** The {@code Link} header for the page after this one, keeping every other parameter. */
  String nextLink(AgentId next) {
    return given.nextLink(next.value());
  }

  private static @Nullable AgentStatus status(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return AgentStatus.fromWireName(value)
        .orElseThrow(
            () -> QueryString.invalid("status", value, QueryString.oneOf(AgentStatus.values())));
  }

  private static @Nullable AgentId before(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return new AgentId(value);
    } catch (IllegalArgumentException e) {
      throw invalidBefore(value);
    }
  }

  /** The answer to a {@code before} that names no agent. */
  static ProblemException invalidBefore(String value) {
    return QueryString.invalid("before", value, "the id of an agent from the previous page");
  }
}
