package io.webhookagents.app;

import io.webhookagents.application.DeliveryRetention;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets deliveries past DELIVERY_RETENTION soon after the start, then every ten minutes. */
final class RetentionLoop {
  private static final Logger log = LoggerFactory.getLogger(RetentionLoop.class);
  private static final Duration FIRST_DELAY = Duration.ofMinutes(1);
  private static final Duration INTERVAL = Duration.ofMinutes(10);

  private final DeliveryRetention retention;
  private final Periodic periodic;

  RetentionLoop(DeliveryRetention retention) {
    this.retention = retention;
    this.periodic = new Periodic("delivery-retention", INTERVAL, this::forgetOld);
  }

  void start() {
    periodic.start(FIRST_DELAY);
  }

  void stop() {
    periodic.stop();
  }

  private void forgetOld() {
    DeliveryRetention.Forgotten forgotten = retention.forgetOld();
    if (forgotten.count() > 0) {
      log.info(
          "Forgot {} deliveries received before {} (DELIVERY_RETENTION)",
          forgotten.count(),
          forgotten.before());
    }
  }
}
