package io.webhookagents.adapters.http;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The query string of {@code GET /agents}, checked: each parameter is optional, an empty value
 * counts as absent, and a value that cannot be meant is a 400 that says what is allowed.
 */
final class ListParameters {
  private static final String[] NAMES = {"status", "source", "repo", "limit", "before"};

  private final Map<String, String> given;
  private final AgentQuery query;

  private ListParameters(Map<String, String> given) {
    this.given = given;
    this.query =
        new AgentQuery(
            status(given.get("status")),
            source(given.get("source")),
            given.get("repo"),
            limit(given.get("limit")),
            before(given.get("before")));
  }

  /** The parameters in Undertow's decoded form; the first value of a repeated one counts. */
  static ListParameters from(Map<String, Deque<String>> parameters) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : NAMES) {
      Deque<String> values = parameters.get(name);
      String value = values == null ? null : values.peekFirst();
      if (value != null && !value.isBlank()) {
        given.put(name, value.strip());
      }
    }
    return new ListParameters(given);
  }

  AgentQuery query() {
    return query;
  }

  /** The {@code Link} header for the page after this one, keeping every other parameter. */
  String nextLink(AgentId next) {
    Map<String, String> parameters = new LinkedHashMap<>(given);
    parameters.put("before", next.value());
    String query =
        parameters.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    return "</agents?" + query + ">; rel=\"next\"";
  }

  private static @Nullable AgentStatus status(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return AgentStatus.fromWireName(value)
        .orElseThrow(() -> invalid("status", value, names(AgentStatus.values())));
  }

  private static @Nullable Source source(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return Source.fromWireName(value)
        .orElseThrow(() -> invalid("source", value, names(Source.values())));
  }

  private static int limit(@Nullable String value) {
    if (value == null) {
      return AgentQuery.DEFAULT_LIMIT;
    }
    String allowed = "a whole number from 1 to " + AgentQuery.MAX_LIMIT;
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= AgentQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same answer as a number out of range.
    }
    throw invalid("limit", value, allowed);
  }

  private static @Nullable AgentId before(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return new AgentId(value);
    } catch (IllegalArgumentException e) {
      throw invalid("before", value, "the id of an agent from the previous page");
    }
  }

  private static ProblemException invalid(String name, String value, String allowed) {
    return Problem.of(
            ProblemType.INVALID_REQUEST,
            name + " must be " + allowed + ", was '" + Echo.of(value) + "'")
        .toException();
  }

  private static String names(Enum<?>[] values) {
    return "one of "
        + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String encode(String value) {
    // %20 rather than +, which not every server reads as a space.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
