package io.webhookagents.ports.in;

import io.webhookagents.ports.out.DeliveryRecord;
import java.util.Objects;

/**
 * A recorded delivery with the id the store gave it; later deliveries have greater ids.
 *
 * @param redeliveries on an original, how many times its delivery id came again since; a store may
 *     give the later ones rows of their own only up to a bound. Zero on any other row.
 */
public record StoredDelivery(long id, DeliveryRecord delivery, long redeliveries) {
  public StoredDelivery {
    Objects.requireNonNull(delivery, "delivery");
    if (redeliveries < 0) {
      throw new IllegalArgumentException("redeliveries must not be negative: " + redeliveries);
    }
  }

  /** A delivery whose id has not come again. */
  public StoredDelivery(long id, DeliveryRecord delivery) {
    this(id, delivery, 0);
  }
}
