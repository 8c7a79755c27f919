package io.webhookagents.ports.in;

/**
 * Reads the delivery audit: what arrived and what was decided about it, so that "why did nothing
 * happen?" has an answer.
 */
public interface QueryDeliveries {

  /** One page of deliveries, newest first, that match the query. */
  DeliveryPage list(DeliveryQuery query);
}
