package io.webhookagents.application;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When to try a failed controller call again: exponential backoff with full jitter, at least as
 * long as the controller asked, within a number of attempts and a deadline.
 *
 * @param maxAttempts attempts in all, the first included
 * @param baseDelay the ceiling of the first wait; it doubles with each attempt
 * @param maxDelay the largest ceiling any wait may have
 * @param deadline how long after its creation an agent may still be retried
 * @param random a source of numbers in [0, 1) that spreads retries apart
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration deadline,
    DoubleSupplier random) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(random, "random");
  }

  /**
   * How long to wait before attempt {@code attemptsMade + 1}, or empty when the agent should be
   * given up: the attempts are spent, or the wait would end past the deadline.
   *
   * @param age how long ago the agent was created
   * @param retryAfter what the controller asked for, if it did
   */
  public Optional<Duration> delayAfter(
      int attemptsMade, Duration age, @Nullable Duration retryAfter) {
    if (attemptsMade >= maxAttempts) {
      return Optional.empty();
    }

    int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
    long ceilingMillis = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << doublings);
    Duration delay = Duration.ofMillis((long) (random.getAsDouble() * ceilingMillis));
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }

    return age.plus(delay).compareTo(deadline) > 0 ? Optional.empty() : Optional.of(delay);
  }
}
