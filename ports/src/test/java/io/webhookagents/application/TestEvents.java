package io.webhookagents.application;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

final class TestEvents {
  private TestEvents() {}

  static WebhookEvent issueOpened(String deliveryId) {
    Actor author = new Actor("octocat", false);
    IssueDetail detail = new IssueDetail("#42", "Crash on start", null, List.of(), null, author);
    return new WebhookEvent(
        Source.GITHUB,
        deliveryId,
        "issues",
        "opened",
        "octo-org/demo",
        "octo-org/demo#42",
        "https://github.com/octo-org/demo/issues/42",
        author,
        detail);
  }

  static WebhookEvent comment(String deliveryId, String body) {
    Actor author = new Actor("hubot-fan", false);
    CommentDetail detail = new CommentDetail("#42", "Crash on start", false, body, null, author);
    return new WebhookEvent(
        Source.GITHUB,
        deliveryId,
        "issue_comment",
        "created",
        "octo-org/demo",
        "octo-org/demo#42",
        null,
        author,
        detail);
  }

  static WebhookEvent issueClosed(String deliveryId) {
    Actor author = new Actor("octocat", false);
    IssueDetail detail = new IssueDetail("#42", "Crash on start", null, List.of(), null, author);
    return new WebhookEvent(
        Source.GITHUB,
        deliveryId,
        "issues",
        "closed",
        "octo-org/demo",
        "octo-org/demo#42",
        null,
        author,
        detail);
  }

  /** An app mention in Slack thread 100.1 of channel C9, naming {@code repo}. */
  static WebhookEvent slackMentionInThread(String eventId, String repo, String text) {
    return slackMention(eventId, "slack:C9/100.1", repo, text, false);
  }

  /**
   * A reply in Slack thread 100.1 of channel C9 that names no repository: {@code defaultRepo} when
   * there is one, else no repository and the adapter's reason.
   */
  static WebhookEvent slackReplyNamingNoRepo(
      String eventId, @Nullable String defaultRepo, String text) {
    return slackMention(eventId, "slack:C9/100.1", defaultRepo, text, true);
  }

  /** An app mention in channel C9 on {@code subject}; with no repository, the adapter's reason. */
  static WebhookEvent slackMention(
      String eventId, String subject, @Nullable String repo, String text, boolean inheritsRepo) {
    Actor author = new Actor("U1", false);
    return new WebhookEvent(
        Source.SLACK,
        eventId,
        "app_mention",
        null,
        repo,
        subject,
        null,
        author,
        new MessageDetail(text, "#C9", author, inheritsRepo),
        repo == null ? NO_SLACK_REPO : null);
  }

  static final String NO_SLACK_REPO = "no repository: write repo:owner/name in the message";

  static WebhookEvent push(String deliveryId) {
    return new WebhookEvent(
        Source.GITHUB,
        deliveryId,
        "push",
        null,
        "octo-org/demo",
        null,
        null,
        new Actor("octocat", false),
        new NoDetail());
  }
}
