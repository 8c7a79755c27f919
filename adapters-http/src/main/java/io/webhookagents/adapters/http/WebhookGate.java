package io.webhookagents.adapters.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether webhook paths take deliveries. Closed while the service shuts down, so that senders are
 * told to redeliver instead of losing a delivery mid-way. Safe to use from any thread.
 */
final class WebhookGate {
  // Seconds a sender should wait: about as long as a restart takes.
  static final String RETRY_AFTER_SECONDS = "10";

  private final AtomicBoolean open = new AtomicBoolean(true);

  void close() {
    open.set(false);
  }

  /** Throws a 503 with {@code Retry-After} once the gate is closed. */
  void checkOpen() {
    if (!open.get()) {
      throw shuttingDown("redeliver this webhook");
    }
  }

  /**
   * The 503 with {@code Retry-After} for a request the service is too close to stopping to take.
   */
  static ProblemException shuttingDown(String whatToDo) {
    return Problem.of(
            ProblemType.SHUTTING_DOWN,
            "the orchestrator is shutting down; " + whatToDo + " in a few seconds")
        .withHeader("Retry-After", RETRY_AFTER_SECONDS)
        .toException();
  }
}
