package io.webhookagents.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How dispatch shares out work.
 *
 * @param maxConcurrentAgents at most this many agents in session_created or running at once; 0 for
 *     no limit
 * @param owner this process's name on the leases it takes
 * @param lease how long a claim holds an agent before another claim may take it over
 */
public record DispatchSettings(int maxConcurrentAgents, String owner, Duration lease) {
  public DispatchSettings {
    if (maxConcurrentAgents < 0) {
      throw new IllegalArgumentException(
          "maxConcurrentAgents must not be negative, was " + maxConcurrentAgents);
    }
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(lease, "lease");
  }
}
