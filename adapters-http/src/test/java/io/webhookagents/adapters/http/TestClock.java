package io.webhookagents.adapters.http;

import io.webhookagents.ports.out.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until the test moves it. */
final class TestClock implements Clock {
  private final AtomicReference<Instant> now;

  TestClock(Instant now) {
    this.now = new AtomicReference<>(now);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  void set(Instant instant) {
    now.set(instant);
  }
}
