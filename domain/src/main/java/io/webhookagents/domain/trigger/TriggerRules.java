package io.webhookagents.domain.trigger;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.EventDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.ReviewCommentDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from the event alone, whether it starts an agent.
 *
 * <p>The rules run in a fixed order and the first that refuses gives the reason: the event must be
 * a configured trigger; it must name something to work on; neither its author nor its sender may be
 * a bot (so an agent's own comments never start agents) or an ignored login; then the label and
 * mention settings apply. Limits that need history, such as a cap per subject, are not decided
 * here. Instances are immutable and safe to share between threads.
 */
public final class TriggerRules {
  private final TriggerPolicy policy;

  public TriggerRules(TriggerPolicy policy) {
    this.policy = policy;
  }

  /** Linear's event types and actions that start agents; not configurable. */
  public static final Set<String> LINEAR_TRIGGERS = Set.of("Issue.create", "Comment.create");

  /** Slack's event types that start agents; not configurable. */
  public static final Set<String> SLACK_TRIGGERS = Set.of("app_mention", "slash_command");

  public Decision decide(WebhookEvent event) {
    String kind = event.kind();
    if (!triggers(event.source()).contains(kind)) {
      return new Decision.Ignore(notATrigger(kind, event.source()));
    }
    EventDetail detail = event.detail();
    if (detail instanceof NoDetail || event.subject() == null) {
      return new Decision.Ignore(kind + " names no issue or pull request to work on");
    }
    if (event.repo() == null) {
      String unroutable = event.unroutable();
      return new Decision.Ignore(
          unroutable != null ? unroutable : kind + " names no repository to work in");
    }

    String refusal = refuseActors(author(detail), event.sender());
    if (refusal == null) {
      refusal = refuseEmptyRequest(kind, detail);
    }
    if (refusal == null) {
      refusal = refuseByLabel(detail);
    }
    if (refusal == null) {
      refusal = refuseByMention(detail);
    }
    return refusal != null
        ? new Decision.Ignore(refusal)
        : new Decision.Start(Prompts.forEvent(event));
  }

  /**
   * A Slack message that asks for nothing (a bare slash command, a mention alone) starts nothing:
   * unlike an issue, it has no title to work from.
   */
  private static @Nullable String refuseEmptyRequest(String kind, EventDetail detail) {
    if (detail instanceof MessageDetail message
        && (message.text() == null || message.text().isBlank())) {
      return kind + " asks for nothing: write the request after the command or the mention";
    }
    return null;
  }

  /** True for events that close what agents work on, so that unfinished agents are cancelled. */
  public static boolean closesSubject(WebhookEvent event) {
    return event.source() == Source.GITHUB && event.kind().equals("issues.closed");
  }

  private Set<String> triggers(Source source) {
    switch (source) {
      case LINEAR:
        return LINEAR_TRIGGERS;
      case SLACK:
        return SLACK_TRIGGERS;
      default:
        return policy.events();
    }
  }

  private String notATrigger(String kind, Source source) {
    if (kind.equals("ping")) {
      return "ping: the sender is checking the webhook; nothing to do";
    }
    return kind
        + " does not start agents (triggers: "
        + String.join(", ", new TreeSet<>(triggers(source)))
        + ")";
  }

  private @Nullable String refuseActors(Actor author, @Nullable Actor sender) {
    if (author.bot()) {
      return "author " + author.login() + " is a bot; bots never start agents";
    }
    if (sender != null && sender.bot()) {
      return "sender " + sender.login() + " is a bot; bots never start agents";
    }
    if (policy.ignores(author.login())) {
      return "author " + author.login() + " is in IGNORE_USERS";
    }
    if (sender != null && policy.ignores(sender.login())) {
      return "sender " + sender.login() + " is in IGNORE_USERS";
    }
    return null;
  }

  private @Nullable String refuseByLabel(EventDetail detail) {
    String label = policy.label();
    if (label == null || !(detail instanceof IssueDetail issue)) {
      return null;
    }
    boolean carries =
        issue.addedLabel() != null
            ? issue.addedLabel().equalsIgnoreCase(label)
            : issue.labels().stream().anyMatch(label::equalsIgnoreCase);
    if (carries) {
      return null;
    }
    return issue.addedLabel() != null
        ? "label '" + issue.addedLabel() + "' is not the trigger label '" + label + "'"
        : "issue does not carry the trigger label '" + label + "'";
  }

  private @Nullable String refuseByMention(EventDetail detail) {
    String mention = policy.mention();
    if (mention == null) {
      return null;
    }
    String body;
    if (detail instanceof CommentDetail comment) {
      body = comment.body();
    } else if (detail instanceof ReviewCommentDetail review) {
      body = review.body();
    } else {
      return null;
    }
    String needle = mention.toLowerCase(Locale.ROOT);
    if (body != null && body.toLowerCase(Locale.ROOT).contains(needle)) {
      return null;
    }
    return "comment does not mention '" + mention + "'";
  }

  private static Actor author(EventDetail detail) {
    if (detail instanceof IssueDetail issue) {
      return issue.author();
    }
    if (detail instanceof CommentDetail comment) {
      return comment.author();
    }
    if (detail instanceof MessageDetail message) {
      return message.author();
    }
    return ((ReviewCommentDetail) detail).author();
  }
}
