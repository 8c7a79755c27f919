package io.webhookagents.ports.in;

import io.webhookagents.ports.out.DeliveryRecord;
import java.util.Objects;

/** A recorded delivery with the id the store gave it; later deliveries have greater ids. */
public record StoredDelivery(long id, DeliveryRecord delivery) {
  public StoredDelivery {
    Objects.requireNonNull(delivery, "delivery");
  }
}
