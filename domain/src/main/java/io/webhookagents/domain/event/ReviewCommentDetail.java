package io.webhookagents.domain.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A comment left on one line of a pull request's diff.
 *
 * @param branch the pull request's head branch, where a fix belongs
 * @param line the line in the file the comment is on; null when the diff no longer has it
 * @param diffHunk the few lines of diff around the comment, as the sender quotes them
 */
public record ReviewCommentDetail(
    String reference,
    String pullRequestTitle,
    @Nullable String branch,
    String path,
    @Nullable Integer line,
    @Nullable String diffHunk,
    @Nullable String body,
    @Nullable String url,
    Actor author)
    implements EventDetail {

  public ReviewCommentDetail {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(pullRequestTitle, "pullRequestTitle");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(author, "author");
  }
}
