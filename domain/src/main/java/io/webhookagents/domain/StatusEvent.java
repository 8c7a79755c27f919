package io.webhookagents.domain;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of an agent's timeline: the status it was in after something happened, when, and in
 * words what happened. A retry leaves the status as it was and says why in {@code detail}.
 */
public record StatusEvent(AgentStatus status, Instant at, @Nullable String detail) {
  public StatusEvent {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
