package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a Slack slash command, a form body, to a {@code slash_command} event keyed by its {@code
 * trigger_id}, which Slack makes unique per invocation.
 */
final class SlackCommands {
  static final String SLASH_COMMAND = "slash_command";

  private SlackCommands() {}

  /**
   * The event for one command.
   *
   * @throws ProblemException (400) when the form lacks a field it needs
   */
  static Inbound.Delivery toInbound(byte[] form, @Nullable String defaultRepo) {
    Map<String, String> fields = FormBody.fields(form);
    require(fields, "command");
    String triggerId = SlackSource.requireKey(require(fields, "trigger_id"), "trigger_id");
    String channelId = SlackSource.requireChannel(require(fields, "channel_id"), "channel_id");
    String userName = blankToNull(fields.get("user_name"));

    Actor author = new Actor(userName != null ? userName : require(fields, "user_id"), false);
    String channelName = blankToNull(fields.get("channel_name"));
    String place = "#" + (channelName != null ? channelName : channelId);
    SlackText text = SlackText.of(fields.get("text"));
    String repo = text.repoOr(defaultRepo);

    WebhookEvent event =
        new WebhookEvent(
            Source.SLACK,
            triggerId,
            SLASH_COMMAND,
            null,
            repo,
            "slack:" + channelId + "/" + triggerId,
            null,
            author,
            new MessageDetail(text.request(), place, author),
            text.unroutable(repo));
    return new Inbound.Delivery(event);
  }

  private static String require(Map<String, String> fields, String name) {
    String value = blankToNull(fields.get(name));
    if (value == null) {
      throw JsonFieldReader.invalid("the slash command's form body has no " + name + " field");
    }
    return value;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
