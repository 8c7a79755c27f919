package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.EventDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps Linear payloads to events. {@code Issue} and {@code Comment} creations carry detail and need
 * their fields; any other type and action is read no further than its names.
 *
 * <p>The repository comes from {@code LINEAR_REPOS} by team key: the issue's {@code team.key}, or
 * failing that the prefix of its identifier ({@code ENG} of {@code ENG-123}). A comment's issue
 * identifier is read from {@code data.issue}, or from its URL ({@code /issue/ENG-123/...}), and
 * only then falls back to the bare {@code issueId}.
 */
final class LinearEvents {
  private static final Set<String> FIELDS =
      Set.of(
          "type",
          "action",
          "url",
          "actor.name",
          "actor.type",
          "data.identifier",
          "data.title",
          "data.description",
          "data.labels[].name",
          "data.url",
          "data.team.key",
          "data.botActor",
          "data.body",
          "data.issueId",
          "data.issue.identifier",
          "data.issue.title",
          "data.issue.team.key",
          "data.user.name");

  private static final Pattern IDENTIFIER = Pattern.compile("([A-Za-z0-9_]+)-[0-9]+");
  private static final Pattern IDENTIFIER_IN_URL =
      Pattern.compile("/issue/([A-Za-z0-9_]+-[0-9]+)(?:[/#?]|$)");

  private final HttpSettings settings;

  LinearEvents(HttpSettings settings) {
    this.settings = settings;
  }

  /**
   * The event for one delivery.
   *
   * @throws ProblemException (400) when the payload is not JSON or lacks a field it needs
   */
  Inbound.Delivery toInbound(String deliveryId, byte[] json) {
    JsonFields fields = JsonFieldReader.read(json, FIELDS);
    String type = fields.requireString("type");
    String action = fields.optionalString("action");

    if ("create".equals(action) && type.equals("Issue")) {
      return issue(deliveryId, type, action, fields);
    }
    if ("create".equals(action) && type.equals("Comment")) {
      return comment(deliveryId, type, action, fields);
    }
    return new Inbound.Delivery(withoutDetail(deliveryId, type, action, fields));
  }

  private Inbound.Delivery issue(String deliveryId, String type, String action, JsonFields fields) {
    String identifier = fields.requireString("data.identifier");
    Actor actor = actor(fields);
    String url = firstOf(fields.optionalString("data.url"), fields.optionalString("url"));

    IssueDetail detail =
        new IssueDetail(
            identifier,
            fields.requireString("data.title"),
            fields.optionalString("data.description"),
            fields.strings("data.labels[].name"),
            null,
            author(fields, actor));
    String teamKey = fields.optionalString("data.team.key");
    return placed(deliveryId, type, action, identifier, teamKey, url, actor, detail);
  }

  private Inbound.Delivery comment(
      String deliveryId, String type, String action, JsonFields fields) {
    String url = firstOf(fields.optionalString("data.url"), fields.optionalString("url"));
    String identifier = issueIdentifier(fields, url);
    Actor actor = actor(fields);

    CommentDetail detail =
        new CommentDetail(
            identifier,
            orElse(fields.optionalString("data.issue.title"), ""),
            false,
            fields.optionalString("data.body"),
            url,
            author(fields, actor));
    String teamKey = fields.optionalString("data.issue.team.key");
    return placed(deliveryId, type, action, identifier, teamKey, url, actor, detail);
  }

  /**
   * The delivery of an event about issue {@code identifier}, in the repository its team is mapped
   * to; when there is none, the event says why.
   */
  private Inbound.Delivery placed(
      String deliveryId,
      String type,
      String action,
      String identifier,
      @Nullable String teamKey,
      @Nullable String url,
      Actor actor,
      EventDetail detail) {
    String team = team(teamKey, identifier);
    String repo = team == null ? null : settings.repoForLinearTeam(team);
    String unmapped = repo == null ? whyUnmapped(team) : null;
    return new Inbound.Delivery(
        new WebhookEvent(
            Source.LINEAR,
            deliveryId,
            type,
            action,
            repo,
            identifier,
            url,
            actor,
            detail,
            unmapped));
  }

  private WebhookEvent withoutDetail(
      String deliveryId, String type, @Nullable String action, JsonFields fields) {
    // Nothing more is required here: an update or a removal must never be refused for its shape.
    String login = fields.lenientString("actor.name");
    Actor sender =
        login == null ? null : new Actor(login, isBot(fields.lenientString("actor.type")));
    return new WebhookEvent(
        Source.LINEAR,
        deliveryId,
        type,
        action,
        null,
        null,
        fields.lenientString("url"),
        sender,
        new NoDetail());
  }

  private static String issueIdentifier(JsonFields fields, @Nullable String url) {
    String identifier = fields.optionalString("data.issue.identifier");
    if (identifier != null) {
      return identifier;
    }
    Matcher inUrl = IDENTIFIER_IN_URL.matcher(url == null ? "" : url);
    if (inUrl.find()) {
      return inUrl.group(1);
    }
    return fields.requireString("data.issueId");
  }

  private static @Nullable String team(@Nullable String key, String identifier) {
    if (key != null && !key.isBlank()) {
      return key.strip();
    }
    Matcher matcher = IDENTIFIER.matcher(identifier);
    return matcher.matches() ? matcher.group(1).toUpperCase(Locale.ROOT) : null;
  }

  private static String whyUnmapped(@Nullable String team) {
    if (team == null) {
      return "the Linear delivery names no team, so no repository can be chosen for it"
          + " (LINEAR_REPOS maps team keys to repositories)";
    }
    return "Linear team " + team + " is not mapped to a repository (LINEAR_REPOS)";
  }

  /**
   * Who caused the delivery: its actor. Linear's actor is a person only when its type is {@code
   * user}; an integration, OAuth client or app is a bot, and so is anything with a {@code
   * botActor}. Null when the delivery names no actor, as Linear's own comment example does.
   */
  private static @Nullable Actor actor(JsonFields fields) {
    String name = fields.optionalString("actor.name");
    if (name == null) {
      return null;
    }
    boolean bot = fields.hasValue("data.botActor") || isBot(fields.optionalString("actor.type"));
    return new Actor(name, bot);
  }

  /** Who wrote the issue or comment: the actor, else the comment's user, else someone unknown. */
  private static Actor author(JsonFields fields, @Nullable Actor actor) {
    if (actor != null) {
      return actor;
    }
    String user = fields.optionalString("data.user.name");
    return new Actor(user != null ? user : "unknown", fields.hasValue("data.botActor"));
  }

  private static boolean isBot(@Nullable String actorType) {
    return !"user".equalsIgnoreCase(actorType == null ? "" : actorType);
  }

  private static String orElse(@Nullable String value, String fallback) {
    return value != null ? value : fallback;
  }

  private static @Nullable String firstOf(@Nullable String first, @Nullable String second) {
    return first != null ? first : second;
  }
}
