package io.webhookagents.ports.in;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.concurrent.CompletableFuture;

/** Takes a delivery whose signature was checked and decides, durably, what it leads to. */
public interface ReceiveWebhook {

  /**
   * Records the delivery and, when the rules say so, a new pending agent, before returning. Never
   * waits on the controller.
   *
   * @throws io.webhookagents.ports.out.StoreException when the delivery could not be recorded
   */
  Receipt receive(WebhookEvent event);

  /**
   * What {@link #receive} does, for a caller that must not wait, such as a server's IO thread: the
   * future completes once the decision is recorded, or fails with a {@link
   * io.webhookagents.ports.out.StoreException}. Implementations return without waiting for other
   * work: a store with nothing else to write may commit the delivery on this thread, but a busy one
   * never makes it wait its turn. What is chained to the future may run on the store's thread, so
   * it must be quick.
   */
  CompletableFuture<Receipt> receiveAsync(WebhookEvent event);

  /**
   * Counts a request to {@code source}'s webhook path that was answered {@code status} and never
   * became a delivery (a bad signature, an unreadable payload, a body too large): nothing is
   * recorded for it, so without this a storm of them shows only in the log. Never fails.
   */
  default void refused(Source source, int status) {}
}
