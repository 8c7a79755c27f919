package io.webhookagents.domain.event;

import java.util.Locale;
import java.util.Objects;

/**
 * Who wrote or sent something. {@code bot} is true for accounts that are not people: GitHub marks
 * them with type {@code Bot} and, for apps, a login ending in {@code [bot]}.
 */
public record Actor(String login, boolean bot) {
  public Actor {
    Objects.requireNonNull(login, "login");
  }

  /** An actor from a GitHub user object's {@code login} and {@code type}. */
  public static Actor fromGitHub(String login, String type) {
    boolean bot =
        "bot".equals(type.toLowerCase(Locale.ROOT))
            || login.toLowerCase(Locale.ROOT).endsWith("[bot]");
    return new Actor(login, bot);
  }
}
