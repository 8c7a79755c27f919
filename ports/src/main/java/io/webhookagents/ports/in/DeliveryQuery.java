package io.webhookagents.ports.in;

import io.webhookagents.domain.Source;
import org.jspecify.annotations.Nullable;

/**
 * A filter over recorded deliveries; null fields do not filter.
 *
 * @param decision {@code created}, {@code follow-up}, {@code duplicate} or {@code ignored}
 * @param limit how many deliveries a page holds, from 1 to {@value AgentQuery#MAX_LIMIT}
 * @param before only deliveries recorded before the one with this id (the previous page's last)
 */
public record DeliveryQuery(
    @Nullable Source source, @Nullable String decision, int limit, @Nullable Long before) {

  public DeliveryQuery {
    // One over the maximum is allowed so that a service can look one row past a full page.
    if (limit < 1 || limit > AgentQuery.MAX_LIMIT + 1) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + AgentQuery.MAX_LIMIT + ", was " + limit);
    }
  }

  public DeliveryQuery withLimit(int newLimit) {
    return new DeliveryQuery(source, decision, newLimit, before);
  }
}
