package io.webhookagents.domain;

import java.util.Objects;

/**
 * An agent's identity. Ids are made by the application's id generator; the domain only requires
 * that they are short, printable and free of characters that need escaping in a URL path.
 */
public record AgentId(String value) implements Comparable<AgentId> {
  private static final int MAX_LENGTH = 64;

  public AgentId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH || !value.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not an agent id: '" + value + "'");
    }
  }

  @Override
  public int compareTo(AgentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
