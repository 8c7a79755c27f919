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
    if (value.isEmpty() || value.length() > MAX_LENGTH || !allowedCharacters(value)) {
      throw new IllegalArgumentException("not an agent id: '" + value + "'");
    }
  }

  // A loop rather than a regular expression: an id is checked for every delivery received.
  private static boolean allowedCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
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
