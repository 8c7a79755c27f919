package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.AgentQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The query string of a list endpoint, as its handler reads it: each parameter is optional, an
 * empty value counts as absent, the first of a repeated one counts, and a value that cannot be
 * meant is a 400 that says what is allowed. Also writes the {@code Link} to the next page.
 */
final class QueryString {
  private final String path;
  private final Map<String, String> given;

  private QueryString(String path, Map<String, String> given) {
    this.path = path;
    this.given = given;
  }

  /**
   * The parameters {@code names} of a query string as sent, still %-escaped, for the endpoint at
   * {@code path}; other parameters are ignored.
   *
   * @throws ProblemException (400) when a %-escape is broken
   */
  static QueryString of(String path, String rawQuery, List<String> names) {
    Map<String, String> sent = new HashMap<>();
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = UrlDecoding.queryPart(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : UrlDecoding.queryPart(pair.substring(equals + 1));
      sent.putIfAbsent(name, value);
    }

    // In the order of names, so that the next page's link reads the same whatever the order sent.
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : names) {
      String value = sent.get(name);
      if (value != null && !value.isBlank()) {
        given.put(name, value.strip());
      }
    }
    return new QueryString(path, given);
  }

  @Nullable String get(String name) {
    return given.get(name);
  }

  /**
   * {@code limit}: from 1 to {@value AgentQuery#MAX_LIMIT}, {@value AgentQuery#DEFAULT_LIMIT} when
   * absent.
   */
  int limit() {
    String value = given.get("limit");
    if (value == null) {
      return AgentQuery.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= AgentQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same answer as a number out of range.
    }
    throw invalid("limit", value, "a whole number from 1 to " + AgentQuery.MAX_LIMIT);
  }

  /** {@code source}: a source's wire name, or null when absent. */
  @Nullable Source source() {
    String value = given.get("source");
    if (value == null) {
      return null;
    }
    return Source.fromWireName(value)
        .orElseThrow(() -> invalid("source", value, oneOf(Source.values())));
  }

  /** The {@code Link} header for the page after this one, keeping every other parameter. */
  String nextLink(String before) {
    Map<String, String> parameters = new LinkedHashMap<>(given);
    parameters.put("before", before);
    String query =
        parameters.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    return "<" + path + "?" + query + ">; rel=\"next\"";
  }

  static ProblemException invalid(String name, String value, String allowed) {
    return Problem.of(
            ProblemType.INVALID_REQUEST,
            name + " must be " + allowed + ", was '" + Echo.of(value) + "'")
        .toException();
  }

  static String oneOf(Object[] values) {
    return "one of "
        + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String encode(String value) {
    // %20 rather than +, which not every server reads as a space.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
