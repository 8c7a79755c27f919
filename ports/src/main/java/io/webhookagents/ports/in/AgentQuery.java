package io.webhookagents.ports.in;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import org.jspecify.annotations.Nullable;

/**
 * A filter over agents; null fields do not filter.
 *
 * @param limit how many agents a page holds, from 1 to {@value #MAX_LIMIT}
 * @param before only agents older than this one (the previous page's last)
 */
public record AgentQuery(
    @Nullable AgentStatus status,
    @Nullable Source source,
    @Nullable String repo,
    int limit,
    @Nullable AgentId before) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public AgentQuery {
    // One over the maximum is allowed so that a service can look one row past a full page.
    if (limit < 1 || limit > MAX_LIMIT + 1) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The same filter for a page one longer, to learn whether another page follows. */
  public AgentQuery withLimit(int newLimit) {
    return new AgentQuery(status, source, repo, newLimit, before);
  }
}
