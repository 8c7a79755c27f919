package io.webhookagents.domain.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request written to the orchestrator in a chat, such as a Slack mention or slash command.
 *
 * @param text what was asked, with the mention of the orchestrator itself removed
 * @param place where it was asked, e.g. a channel, for the agent to mention in its answer
 * @param inheritsRepo true for a reply in a thread that names no repository: the thread is about
 *     the repository its agents worked in, so that one is the reply's rather than any default
 */
public record MessageDetail(
    @Nullable String text, @Nullable String place, Actor author, boolean inheritsRepo)
    implements EventDetail {

  public MessageDetail {
    Objects.requireNonNull(author, "author");
  }

  /** A message that names its repository or starts a conversation of its own. */
  public MessageDetail(@Nullable String text, @Nullable String place, Actor author) {
    this(text, place, author, false);
  }
}
