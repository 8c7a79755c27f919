package io.webhookagents.domain.trigger;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The operator's settings for which events start agents.
 *
 * @param events the {@code event.action} pairs that start agents, e.g. {@code issues.opened}
 * @param label when set, only issues carrying this label start agents
 * @param mention when set, only comments containing this text (any case) start agents
 * @param ignoredLogins logins that never start agents, compared without regard to case
 */
public record TriggerPolicy(
    Set<String> events,
    @Nullable String label,
    @Nullable String mention,
    Set<String> ignoredLogins) {

  /** The pairs there is a prompt for; other pairs cannot be made triggers. */
  public static final Set<String> SUPPORTED_EVENTS =
      Set.of(
          "issues.opened",
          "issues.reopened",
          "issues.labeled",
          "issue_comment.created",
          "pull_request_review_comment.created");

  /** The pairs that start agents when the operator names none. */
  public static final Set<String> DEFAULT_EVENTS =
      Set.of("issues.opened", "issue_comment.created", "pull_request_review_comment.created");

  public TriggerPolicy {
    events = Set.copyOf(events);
    Set<String> unsupported = new TreeSet<>(events);
    unsupported.removeAll(SUPPORTED_EVENTS);
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "no prompt exists for "
              + String.join(", ", unsupported)
              + "; supported: "
              + String.join(", ", new TreeSet<>(SUPPORTED_EVENTS)));
    }
    label = blankToNull(label);
    mention = blankToNull(mention);
    ignoredLogins =
        ignoredLogins.stream()
            .map(login -> login.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  public static TriggerPolicy defaults() {
    return new TriggerPolicy(DEFAULT_EVENTS, null, null, Set.of());
  }

  public boolean ignores(String login) {
    return ignoredLogins.contains(login.toLowerCase(Locale.ROOT));
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
