package io.webhookagents.ports.in;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of recorded deliveries, newest first.
 *
 * @param next the value of {@code before} that gives the next page; null on the last page
 */
public record DeliveryPage(List<StoredDelivery> deliveries, @Nullable Long next) {
  public DeliveryPage {
    deliveries = List.copyOf(deliveries);
  }
}
