package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import org.jspecify.annotations.Nullable;

/**
 * What {@link WebhookHandler} needs to know about one sender of webhooks: whether it is set up,
 * what bodies it sends, how its signature is checked and how its payloads read. Adding a sender
 * means adding an implementation and a route, nothing else. Implementations are immutable and safe
 * to share between threads; failures are {@link ProblemException}s.
 */
interface WebhookSource {

  Source source();

  /** Why the source cannot take deliveries, naming the setting to fix; null when it can. */
  @Nullable String notConfiguredReason();

  /** True when the source sends bodies of this lower-case media type. */
  boolean accepts(String mediaType);

  /** The media types {@link #accepts} takes, for the 415 message. */
  String acceptedMediaTypes();

  /** The delivery's key as the sender's headers give it, for logs; null when they give none. */
  @Nullable String deliveryKey(WebhookRequest request);

  /**
   * Checks the signature over the exact bytes received, in constant time, and that the delivery is
   * fresh where the sender dates it.
   *
   * @throws ProblemException (401) when the signature is missing, malformed or wrong, or the
   *     delivery is too old or from the future; (400) when the field holding its date cannot be
   *     read because the body is not JSON
   */
  void verify(WebhookRequest request);

  /**
   * Reads a verified delivery.
   *
   * @throws ProblemException (400) when a required header or field is missing or malformed
   */
  Inbound parse(WebhookRequest request);
}
