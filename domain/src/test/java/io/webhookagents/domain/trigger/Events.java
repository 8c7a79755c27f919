package io.webhookagents.domain.trigger;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.ReviewCommentDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.List;

/** Normalized events shaped like the GitHub fixtures, for rule and prompt tests. */
final class Events {
  static final String REPO = "octo-org/demo";
  static final Actor PERSON = new Actor("octocat", false);

  private Events() {}

  static WebhookEvent issueOpened(String body) {
    return issue("opened", body, List.of(), null, PERSON);
  }

  static WebhookEvent issue(
      String action, String body, List<String> labels, String addedLabel, Actor author) {
    IssueDetail detail = new IssueDetail("#42", "Crash on start", body, labels, addedLabel, author);
    return event("issues", action, "https://github.com/octo-org/demo/issues/42", author, detail);
  }

  static WebhookEvent comment(String body, boolean onPullRequest, Actor author) {
    return comment("Crash on start", body, onPullRequest, author);
  }

  static WebhookEvent comment(String issueTitle, String body, boolean onPullRequest, Actor author) {
    CommentDetail detail =
        new CommentDetail(
            "#42",
            issueTitle,
            onPullRequest,
            body,
            "https://github.com/octo-org/demo/issues/42#issuecomment-1",
            author);
    return event("issue_comment", "created", detail.url(), author, detail);
  }

  static WebhookEvent reviewComment(String body, Integer line) {
    ReviewCommentDetail detail =
        new ReviewCommentDetail(
            "#7",
            "Speed up start",
            "fast-start",
            "src/Main.java",
            line,
            "@@ -1,3 +1,4 @@\n+import x;",
            body,
            "https://github.com/octo-org/demo/pull/7#discussion_r1",
            PERSON);
    return event("pull_request_review_comment", "created", detail.url(), PERSON, detail);
  }

  static WebhookEvent ping() {
    return new WebhookEvent(
        Source.GITHUB, "d-ping", "ping", null, REPO, null, null, PERSON, new NoDetail());
  }

  private static WebhookEvent event(
      String name,
      String action,
      String url,
      Actor sender,
      io.webhookagents.domain.event.EventDetail detail) {
    String subject = REPO + (detail instanceof ReviewCommentDetail ? "#7" : "#42");
    return new WebhookEvent(Source.GITHUB, "d-1", name, action, REPO, subject, url, sender, detail);
  }
}
