package io.webhookagents.app;

import io.webhookagents.ports.out.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The wall clock, to the millisecond the store keeps. */
final class SystemClock implements Clock {
  @Override
  public Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
