package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.out.DeliveryRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The query string of {@code GET /deliveries}, checked, as a {@link DeliveryQuery}. */
final class DeliveryParameters {
  private static final List<String> NAMES = List.of("source", "decision", "limit", "before");
  private static final List<String> DECISIONS =
      List.of(
          DeliveryRecord.CREATED,
          DeliveryRecord.FOLLOW_UP,
          DeliveryRecord.DUPLICATE,
          DeliveryRecord.IGNORED);

  private final QueryString given;
  private final DeliveryQuery query;

  private DeliveryParameters(QueryString given) {
    this.given = given;
    this.query =
        new DeliveryQuery(
            given.source(),
            decision(given.get("decision")),
            given.limit(),
            before(given.get("before")));
  }

  /** The parameters of a query string as sent; the first value of a repeated one counts. */
  static DeliveryParameters from(String rawQuery) {
    return new DeliveryParameters(QueryString.of("/deliveries", rawQuery, NAMES));
  }

  DeliveryQuery query() {
    return query;
  }

  /** The {@code Link} header for the page after this one, keeping every other parameter. */
  String nextLink(long next) {
    return given.nextLink(Long.toString(next));
  }

  private static @Nullable String decision(@Nullable String value) {
    if (value == null || DECISIONS.contains(value)) {
      return value;
    }
    throw QueryString.invalid("decision", value, QueryString.oneOf(DECISIONS.toArray()));
  }

  private static @Nullable Long before(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      long before = Long.parseLong(value);
      if (before > 0) {
        return before;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same answer as a number out of range.
    }
    throw QueryString.invalid("before", value, "the positive id of a delivery from the last page");
  }
}
