package io.webhookagents.ports.in;

import io.webhookagents.domain.event.WebhookEvent;

/** Takes a delivery whose signature was checked and decides, durably, what it leads to. */
public interface ReceiveWebhook {

  /**
   * Records the delivery and, when the rules say so, a new pending agent, before returning. Never
   * waits on the controller.
   *
   * @throws io.webhookagents.ports.out.StoreException when the delivery could not be recorded
   */
  Receipt receive(WebhookEvent event);
}
