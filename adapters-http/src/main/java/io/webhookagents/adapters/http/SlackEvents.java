package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps Slack Events API requests. The {@code url_verification} handshake is answered with its
 * challenge; an {@code event_callback} becomes an event keyed by its {@code event_id}, with detail
 * for {@code app_mention} only; other envelopes carry no event and are answered as ignored.
 *
 * <p>A mention's subject is its thread, or the message itself when it starts none. A reply in a
 * thread that names no repository is marked as taking the thread's: which one that is, only the
 * store knows, so the default repository is set here and may be replaced at intake.
 */
final class SlackEvents {
  static final String APP_MENTION = "app_mention";

  private static final Set<String> FIELDS =
      Set.of(
          "type",
          "challenge",
          "event_id",
          "event.type",
          "event.subtype",
          "event.user",
          "event.bot_id",
          "event.text",
          "event.channel",
          "event.ts",
          "event.thread_ts");

  private SlackEvents() {}

  /**
   * What one request is.
   *
   * @throws ProblemException (400) when the body is not JSON or lacks a field it needs
   */
  static Inbound toInbound(byte[] json, @Nullable String defaultRepo) {
    JsonFields fields = JsonFieldReader.read(json, FIELDS);
    String type = fields.requireString("type");

    switch (type) {
      case "url_verification":
        return challenge(fields.requireString("challenge"));
      case "event_callback":
        return event(fields, defaultRepo);
      default:
        // Such as app_rate_limited: no event_id, nothing to act on and nothing to key a record by.
        String reason = "Slack " + Echo.of(type) + " requests carry no event to act on";
        return new Inbound.Reply(
            ReceiptJson.write(new Receipt.Ignored(reason)), "ignored, not recorded: " + reason);
    }
  }

  private static Inbound.Reply challenge(String challenge) {
    byte[] json =
        Json.write(writer -> writer.beginObject().name("challenge").value(challenge).endObject());
    return new Inbound.Reply(json, "answered Slack's url_verification challenge");
  }

  private static Inbound.Delivery event(JsonFields fields, @Nullable String defaultRepo) {
    String eventId = SlackSource.requireKey(fields.requireString("event_id"), "event_id");
    String name = fields.requireString("event.type");
    if (!name.equals(APP_MENTION)) {
      return new Inbound.Delivery(withoutDetail(eventId, name, fields));
    }

    String channel =
        SlackSource.requireChannel(fields.requireString("event.channel"), "event.channel");
    String messageTs = SlackSource.requireMessageTs(fields.requireString("event.ts"), "event.ts");
    String thread = threadTs(fields);
    String ts = thread != null ? thread : messageTs;
    Actor author = author(fields);
    SlackText text = SlackText.ofMention(fields.optionalString("event.text"));
    String repo = text.repoOr(defaultRepo);

    boolean inheritsRepo = thread != null && !thread.equals(messageTs) && !text.namesRepo();
    MessageDetail detail = new MessageDetail(text.request(), "#" + channel, author, inheritsRepo);
    WebhookEvent event =
        new WebhookEvent(
            Source.SLACK,
            eventId,
            name,
            null,
            repo,
            "slack:" + channel + "/" + ts,
            null,
            author,
            detail,
            text.unroutable(repo));
    return new Inbound.Delivery(event);
  }

  /** The thread a message replies in; null for a message that starts none. */
  private static @Nullable String threadTs(JsonFields fields) {
    String thread = fields.optionalString("event.thread_ts");
    return thread == null ? null : SlackSource.requireMessageTs(thread, "event.thread_ts");
  }

  private static WebhookEvent withoutDetail(String eventId, String name, JsonFields fields) {
    // Nothing more is required here: an event the orchestrator does not act on is never refused.
    String user = fields.lenientString("event.user");
    String bot = fields.lenientString("event.bot_id");
    String login = user != null ? user : bot;
    Actor sender = login == null ? null : new Actor(login, bot != null);
    return new WebhookEvent(
        Source.SLACK, eventId, name, null, null, null, null, sender, new NoDetail());
  }

  /** The message's author; a bot when it has a {@code bot_id} or is a {@code bot_message}. */
  private static Actor author(JsonFields fields) {
    String user = fields.optionalString("event.user");
    String botId = fields.optionalString("event.bot_id");
    boolean bot = botId != null || "bot_message".equals(fields.optionalString("event.subtype"));
    String login = user != null ? user : botId != null ? botId : "unknown";
    return new Actor(login, bot);
  }
}
