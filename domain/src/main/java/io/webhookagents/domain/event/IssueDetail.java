package io.webhookagents.domain.event;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An issue that was opened, labelled or closed.
 *
 * @param reference how people refer to the issue inside its repository, e.g. {@code #42}
 * @param body the description as sent; GitHub sends null or an empty string for none
 * @param labels the labels the issue carries now
 * @param addedLabel the label a {@code labeled} action added, null for other actions
 */
public record IssueDetail(
    String reference,
    String title,
    @Nullable String body,
    List<String> labels,
    @Nullable String addedLabel,
    Actor author)
    implements EventDetail {

  public IssueDetail {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(author, "author");
    labels = List.copyOf(labels);
  }
}
