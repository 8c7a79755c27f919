package io.webhookagents.domain.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request written to the orchestrator in a chat, such as a Slack mention or slash command.
 *
 * @param text what was asked, with the mention of the orchestrator itself removed
 * @param place where it was asked, e.g. a channel, for the agent to mention in its answer
 */
public record MessageDetail(@Nullable String text, @Nullable String place, Actor author)
    implements EventDetail {

  public MessageDetail {
    Objects.requireNonNull(author, "author");
  }
}
