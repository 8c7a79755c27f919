package io.webhookagents.application;

import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Forgets deliveries older than the retention. The delivery audit grows by a row for every request
 * a source sends, redeliveries and ignored events included, so without this it is bounded by the
 * disk alone. Agents are kept.
 *
 * <p>A delivery forgotten is no longer recognised when sent again; the retention must outlast any
 * source's redeliveries (GitHub's are made within three days).
 *
 * <p>Deletes in batches, each its own short transaction, so that intake's commits take turns with
 * them.
 */
public final class DeliveryRetention {
  static final int BATCH = 1000;
  // A round deletes at most a million rows, a few seconds of the writer's time; more waits for
  // the next round.
  static final int MAX_BATCHES = 1000;

  private final AgentStore store;
  private final Clock clock;
  private final Duration retention;

  public DeliveryRetention(AgentStore store, Clock clock, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /** How many deliveries a round forgot, all received before {@code before}. */
  public record Forgotten(int count, Instant before) {}

  /** Deletes deliveries received longer than the retention ago. */
  public Forgotten forgetOld() {
    Instant before = clock.now().minus(retention);
    int deleted = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int gone = store.deleteDeliveriesBefore(before, BATCH);
      deleted += gone;
      if (gone < BATCH) {
        break;
      }
    }
    return new Forgotten(deleted, before);
  }
}
