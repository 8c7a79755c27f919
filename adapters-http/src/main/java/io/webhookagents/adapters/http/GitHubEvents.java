package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.EventDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.ReviewCommentDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps GitHub payloads to {@link WebhookEvent}s. Issues, issue comments and review comments carry
 * detail and need their fields; any other event is read no further than its repository and sender,
 * and requires nothing.
 */
final class GitHubEvents {
  private static final Set<String> COMMON =
      Set.of("action", "repository.full_name", "sender.login", "sender.type");

  private static final Set<String> ISSUE =
      withCommon(
          "issue.number",
          "issue.title",
          "issue.body",
          "issue.html_url",
          "issue.labels[].name",
          "issue.user.login",
          "issue.user.type",
          "label.name");

  private static final Set<String> COMMENT =
      withCommon(
          "issue.number",
          "issue.title",
          "issue.pull_request",
          "comment.body",
          "comment.html_url",
          "comment.user.login",
          "comment.user.type");

  private static final Set<String> REVIEW_COMMENT =
      withCommon(
          "pull_request.number",
          "pull_request.title",
          "pull_request.head.ref",
          "comment.path",
          "comment.line",
          "comment.original_line",
          "comment.diff_hunk",
          "comment.body",
          "comment.html_url",
          "comment.user.login",
          "comment.user.type");

  private GitHubEvents() {}

  /**
   * The event for one delivery.
   *
   * @param name the {@code X-GitHub-Event} header
   * @throws ProblemException (400) when the payload is not JSON or lacks a field it needs
   */
  static WebhookEvent toEvent(String deliveryId, String name, byte[] json) {
    switch (name) {
      case "issues":
        return issue(deliveryId, name, JsonFieldReader.read(json, ISSUE));
      case "issue_comment":
        return comment(deliveryId, name, JsonFieldReader.read(json, COMMENT));
      case "pull_request_review_comment":
        return reviewComment(deliveryId, name, JsonFieldReader.read(json, REVIEW_COMMENT));
      default:
        return withoutDetail(deliveryId, name, JsonFieldReader.read(json, COMMON));
    }
  }

  private static WebhookEvent issue(String deliveryId, String name, JsonFields fields) {
    String action = fields.lenientString("action");
    String repo = repo(fields);
    String reference = "#" + fields.requireNumberFromOne("issue.number");

    IssueDetail detail =
        new IssueDetail(
            reference,
            fields.requireString("issue.title"),
            fields.optionalString("issue.body"),
            fields.strings("issue.labels[].name"),
            "labeled".equals(action) ? fields.optionalString("label.name") : null,
            actor(fields, "issue.user"));
    String url = fields.optionalString("issue.html_url");
    return event(deliveryId, name, action, repo, repo + reference, url, fields, detail);
  }

  private static WebhookEvent comment(String deliveryId, String name, JsonFields fields) {
    String repo = repo(fields);
    String reference = "#" + fields.requireNumberFromOne("issue.number");
    String url = fields.optionalString("comment.html_url");

    CommentDetail detail =
        new CommentDetail(
            reference,
            fields.requireString("issue.title"),
            fields.hasValue("issue.pull_request"),
            fields.optionalString("comment.body"),
            url,
            actor(fields, "comment.user"));
    String action = fields.lenientString("action");
    return event(deliveryId, name, action, repo, repo + reference, url, fields, detail);
  }

  private static WebhookEvent reviewComment(String deliveryId, String name, JsonFields fields) {
    String repo = repo(fields);
    String reference = "#" + fields.requireNumberFromOne("pull_request.number");
    String url = fields.optionalString("comment.html_url");

    ReviewCommentDetail detail =
        new ReviewCommentDetail(
            reference,
            fields.requireString("pull_request.title"),
            fields.optionalString("pull_request.head.ref"),
            fields.requireString("comment.path"),
            line(fields),
            fields.optionalString("comment.diff_hunk"),
            fields.optionalString("comment.body"),
            url,
            actor(fields, "comment.user"));
    String action = fields.lenientString("action");
    return event(deliveryId, name, action, repo, repo + reference, url, fields, detail);
  }

  private static WebhookEvent withoutDetail(String deliveryId, String name, JsonFields fields) {
    // Nothing is required here: a ping or a push must never be refused for its shape.
    String login = fields.lenientString("sender.login");
    Actor sender = login == null ? null : Actor.fromGitHub(login, typeOrEmpty(fields, "sender"));
    return new WebhookEvent(
        Source.GITHUB,
        deliveryId,
        name,
        // A ping's action, if it has one, says nothing about what to do.
        name.equals("ping") ? null : fields.lenientString("action"),
        fields.lenientString("repository.full_name"),
        null,
        null,
        sender,
        new NoDetail());
  }

  private static WebhookEvent event(
      String deliveryId,
      String name,
      @Nullable String action,
      String repo,
      String subject,
      @Nullable String url,
      JsonFields fields,
      EventDetail detail) {
    return new WebhookEvent(
        Source.GITHUB, deliveryId, name, action, repo, subject, url, sender(fields), detail);
  }

  /** The repository an event that may start an agent is about; a 400 when it is no repository. */
  private static String repo(JsonFields fields) {
    String repo = fields.requireString("repository.full_name");
    if (!RepoNames.isRepo(repo)) {
      throw JsonFieldReader.invalid(
          "repository.full_name " + Echo.of(repo) + " is not " + RepoNames.RULE);
    }
    return repo;
  }

  // The line is gone from an outdated diff; the line it was written on still says where.
  private static @Nullable Integer line(JsonFields fields) {
    Integer line = fields.optionalInt("comment.line");
    return line != null ? line : fields.optionalInt("comment.original_line");
  }

  private static Actor actor(JsonFields fields, String user) {
    return Actor.fromGitHub(fields.requireString(user + ".login"), typeOrEmpty(fields, user));
  }

  private static @Nullable Actor sender(JsonFields fields) {
    String login = fields.optionalString("sender.login");
    return login == null ? null : Actor.fromGitHub(login, typeOrEmpty(fields, "sender"));
  }

  private static String typeOrEmpty(JsonFields fields, String user) {
    String type = fields.lenientString(user + ".type");
    return type == null ? "" : type;
  }

  private static Set<String> withCommon(String... fields) {
    Set<String> all = new HashSet<>(COMMON);
    all.addAll(Set.of(fields));
    return Set.copyOf(all);
  }
}
