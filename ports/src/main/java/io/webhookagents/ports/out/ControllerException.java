package io.webhookagents.ports.out;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A controller call that did not succeed.
 *
 * <p>{@code retryable} says whether the same call may succeed later: connection failures, timeouts,
 * {@code 429} and {@code 5xx} are; other refusals are not. The message says what happened in words
 * fit for an agent's {@code last_error} and never holds a credential.
 */
public final class ControllerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient @Nullable Duration retryAfter;

  public ControllerException(
      String message, boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public static ControllerException permanent(String message) {
    return new ControllerException(message, false, null, null);
  }

  public static ControllerException retryable(String message, @Nullable Throwable cause) {
    return new ControllerException(message, true, null, cause);
  }

  public boolean retryable() {
    return retryable;
  }

  /** How long the controller asked callers to wait before trying again, when it said. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
