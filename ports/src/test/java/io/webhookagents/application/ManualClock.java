package io.webhookagents.application;

import io.webhookagents.ports.out.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test moves it. */
final class ManualClock implements Clock {
  private Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  synchronized void advance(Duration by) {
    now = now.plus(by);
  }
}
