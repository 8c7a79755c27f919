package io.webhookagents.domain;

import java.util.Optional;

/**
 * Where an agent is in its lifecycle.
 *
 * <p>{@code pending → session_created → running → completed | failed | cancelled}; an agent that
 * has not reached {@code running} may also end as {@code failed} or {@code cancelled}. The three
 * ends are final: nothing leaves them.
 */
public enum AgentStatus {
  PENDING("pending"),
  SESSION_CREATED("session_created"),
  RUNNING("running"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled");

  private final String wireName;

  AgentStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used in the API, the database and the controller's vocabulary. */
  public String wireName() {
    return wireName;
  }

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** True when the lifecycle allows an agent in this state to move to {@code next}. */
  public boolean canMoveTo(AgentStatus next) {
    switch (this) {
      case PENDING:
        return next == SESSION_CREATED || next == FAILED || next == CANCELLED;
      case SESSION_CREATED:
        return next == RUNNING || next == FAILED || next == CANCELLED;
      case RUNNING:
        return next == COMPLETED || next == FAILED || next == CANCELLED;
      default:
        return false;
    }
  }

  /** The status with this wire name, or empty when there is none (names are case-sensitive). */
  public static Optional<AgentStatus> fromWireName(String name) {
    for (AgentStatus status : values()) {
      if (status.wireName.equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
