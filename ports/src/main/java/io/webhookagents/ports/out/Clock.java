package io.webhookagents.ports.out;

import java.time.Instant;

/** The current time. Tests move it by hand. */
public interface Clock {
  Instant now();
}
