package io.webhookagents.adapters.http;

import io.webhookagents.domain.event.WebhookEvent;

/**
 * Reads a GitHub payload with the adapter's own parser, for benchmarks outside this package that
 * need the event intake would build (the store benchmark uses it for a realistic agent row).
 */
public final class BenchEvents {
  private BenchEvents() {}

  /**
   * The event for one {@code issues} delivery of {@code json}.
   *
   * @throws ProblemException when the payload lacks a field an issue needs
   */
  public static WebhookEvent issue(String deliveryId, byte[] json) {
    return GitHubEvents.toEvent(deliveryId, "issues", json);
  }
}
