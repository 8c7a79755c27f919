package io.webhookagents.domain.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A comment on an issue or, when {@code onPullRequest}, on a pull request's conversation.
 *
 * @param reference the issue or pull request it was left on, e.g. {@code #42}
 * @param body the comment's text as sent; may be null or empty
 * @param url where the comment can be read, when the sender says
 */
public record CommentDetail(
    String reference,
    String issueTitle,
    boolean onPullRequest,
    @Nullable String body,
    @Nullable String url,
    Actor author)
    implements EventDetail {

  public CommentDetail {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(issueTitle, "issueTitle");
    Objects.requireNonNull(author, "author");
  }
}
