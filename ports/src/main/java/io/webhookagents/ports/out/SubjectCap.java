package io.webhookagents.ports.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A limit on agents per subject, checked in the transaction that would create the agent so that
 * concurrent deliveries cannot overrun it.
 *
 * @param max how many agents the subject may have had created since {@code since}
 * @param reasonWhenReached the reason recorded with the delivery when the limit is reached
 */
public record SubjectCap(int max, Instant since, String reasonWhenReached) {
  public SubjectCap {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(reasonWhenReached, "reasonWhenReached");
  }
}
