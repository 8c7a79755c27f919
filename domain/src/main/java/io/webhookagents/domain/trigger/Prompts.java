package io.webhookagents.domain.trigger;

import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.EventDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.ReviewCommentDetail;
import io.webhookagents.domain.event.WebhookEvent;
import org.jspecify.annotations.Nullable;

/**
 * Builds the prompt an agent starts with.
 *
 * <p>Text written by the event's author is quoted between clear markers and never left out: an
 * empty or missing text reads {@value #NO_DESCRIPTION}, so an agent never sees "null".
 *
 * <p>Each text is cut at a bound ({@value #MAX_QUOTED_CHARS} characters for a body, {@value
 * #MAX_TITLE_CHARS} for a title, {@value #MAX_DIFF_CHARS} for a diff), saying how much was left
 * out. A prompt is stored with its agent, listed by the API and sent to the controller whole, and a
 * signed body may be as large as the body limit; GitHub's own bodies stop at 65,536 characters.
 */
public final class Prompts {
  static final String NO_DESCRIPTION = "No description provided.";
  static final int MAX_QUOTED_CHARS = 16_000;
  static final int MAX_TITLE_CHARS = 1_000;
  static final int MAX_DIFF_CHARS = 8_000;

  private Prompts() {}

  /** The prompt for an event the rules accepted; events without detail have none. */
  public static String forEvent(WebhookEvent event) {
    EventDetail detail = event.detail();
    String repo = String.valueOf(event.repo());
    if (detail instanceof IssueDetail issue) {
      return investigateIssue(repo, issue, event.url());
    }
    if (detail instanceof CommentDetail comment) {
      return answerComment(repo, comment);
    }
    if (detail instanceof ReviewCommentDetail review) {
      return addressReviewComment(repo, review);
    }
    if (detail instanceof MessageDetail message) {
      return answerRequest(repo, message, event.source().wireName());
    }
    throw new IllegalArgumentException(
        "no prompt for " + event.kind() + " (" + NoDetail.class.getSimpleName() + ")");
  }

  static String investigateIssue(String repo, IssueDetail issue, @Nullable String url) {
    StringBuilder prompt = new StringBuilder();
    prompt.append("You are working in the GitHub repository ").append(repo).append(".\n\n");
    prompt.append("Issue ");
    appendTitled(prompt, issue.reference(), issue.title());
    prompt.append("\nOpened by: ").append(issue.author().login());
    appendUrl(prompt, url);
    quote(prompt, "Issue description", issue.body());
    prompt.append("\nInvestigate this issue. Reproduce the problem where you can, find its root ");
    prompt.append("cause, and fix it with tests that show the fix. Then open a pull request ");
    prompt.append("that references ").append(issue.reference());
    prompt.append(" and explains the cause and the fix.\n");
    return prompt.toString();
  }

  static String answerComment(String repo, CommentDetail comment) {
    String where = comment.onPullRequest() ? "pull request " : "issue ";
    StringBuilder prompt = new StringBuilder();
    prompt.append("You are working in the GitHub repository ").append(repo).append(".\n\n");
    prompt.append(comment.author().login()).append(" commented on ").append(where);
    appendTitled(prompt, comment.reference(), comment.issueTitle());
    appendUrl(prompt, comment.url());
    quote(prompt, "Comment", comment.body());
    prompt.append("\nRespond to this comment: do what it asks, or answer its question, ");
    prompt.append("in the context of ").append(where).append(comment.reference()).append(".");
    if (comment.onPullRequest()) {
      prompt.append(" This is a pull request: check out its branch (for example with ");
      prompt.append("`gh pr checkout ").append(number(comment.reference())).append("`), ");
      prompt.append("commit your changes to that branch and push them there; ");
      prompt.append("do not open a new pull request.");
    }
    prompt.append(" Reply on the ").append(where.strip());
    prompt.append(" with what you did.\n");
    return prompt.toString();
  }

  static String addressReviewComment(String repo, ReviewCommentDetail review) {
    String location =
        review.line() == null ? review.path() : review.path() + " at line " + review.line();
    StringBuilder prompt = new StringBuilder();
    prompt.append("You are working in the GitHub repository ").append(repo).append(".\n\n");
    prompt.append(review.author().login()).append(" left a review comment on pull request ");
    appendTitled(prompt, review.reference(), review.pullRequestTitle());
    if (review.branch() != null) {
      prompt.append("\nBranch: ").append(review.branch());
    }
    prompt.append("\nFile: ").append(location);
    appendUrl(prompt, review.url());
    if (review.diffHunk() != null && !review.diffHunk().isBlank()) {
      prompt.append("\n\nDiff around the comment:\n```diff\n");
      prompt.append(bounded(review.diffHunk(), MAX_DIFF_CHARS));
      prompt.append("\n```");
    }
    quote(prompt, "Review comment", review.body());
    prompt.append("\nAddress this review comment: change the code in ").append(location);
    prompt.append(" as the reviewer asks");
    if (review.branch() != null) {
      prompt.append(", commit on the branch ").append(review.branch()).append(" and push it");
    }
    prompt.append(". Do not open a new pull request. Reply to the comment with what changed.\n");
    return prompt.toString();
  }

  static String answerRequest(String repo, MessageDetail message, String where) {
    StringBuilder prompt = new StringBuilder();
    prompt.append("You are working in the GitHub repository ").append(repo).append(".\n\n");
    prompt.append(message.author().login()).append(" asked for help in ").append(where);
    if (message.place() != null) {
      prompt.append(" (").append(message.place()).append(")");
    }
    prompt.append(".");
    quote(prompt, "Request", message.text());
    prompt.append("\nDo what the request asks in this repository. If it needs code changes, make ");
    prompt.append("them with tests and open a pull request that explains them; if it is a ");
    prompt.append("question, answer it from the code.\n");
    return prompt.toString();
  }

  /** The text as written, or the placeholder when there is none. */
  static String textOrPlaceholder(@Nullable String text) {
    return text == null || text.isBlank()
        ? NO_DESCRIPTION
        : bounded(text.strip(), MAX_QUOTED_CHARS);
  }

  /** The text, or its first {@code max} characters and a line saying how many more there were. */
  static String bounded(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    // Never half a surrogate pair.
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "\n[" + (text.length() - end) + " more characters not shown]";
  }

  private static void quote(StringBuilder prompt, String label, @Nullable String text) {
    prompt.append("\n\n").append(label).append(" (as written by its author):\n");
    prompt.append("-----\n").append(textOrPlaceholder(text)).append("\n-----\n");
  }

  /** "#42: Crash on start", or "#42" alone when the sender gave no title, as Linear may. */
  private static void appendTitled(StringBuilder prompt, String reference, String title) {
    prompt.append(reference);
    if (!title.isBlank()) {
      prompt.append(": ").append(bounded(title, MAX_TITLE_CHARS));
    }
  }

  private static void appendUrl(StringBuilder prompt, @Nullable String url) {
    if (url != null && !url.isBlank()) {
      prompt.append("\nURL: ").append(url);
    }
  }

  private static String number(String reference) {
    return reference.startsWith("#") ? reference.substring(1) : reference;
  }
}
