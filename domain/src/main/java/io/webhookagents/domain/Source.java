package io.webhookagents.domain;

import java.util.Optional;

/** Where a webhook came from. */
public enum Source {
  GITHUB("github"),
  LINEAR("linear"),
  SLACK("slack");

  private final String wireName;

  Source(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Source> fromWireName(String name) {
    for (Source source : values()) {
      if (source.wireName.equals(name)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
