package io.webhookagents.domain.event;

import io.webhookagents.domain.Source;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A delivery from a source after its signature was checked and its payload read: the fields the
 * trigger rules and prompts need, whatever the source's own format.
 *
 * @param deliveryId the source's key for this delivery, the same on every redelivery
 * @param name the source's event name, e.g. GitHub's {@code X-GitHub-Event}
 * @param action the event's action, e.g. {@code opened}; null for events that have none
 * @param repo the repository the event belongs to, as {@code owner/name}; null when it has none
 * @param subject what an agent would work on, e.g. {@code octo-org/demo#42}; null when nothing
 * @param sender who caused the delivery, when the source says
 * @param unroutable why no repository could be chosen, in words for the sender, such as a Linear
 *     team that no setting maps; null when {@code repo} is set or the source knows nothing more
 */
public record WebhookEvent(
    Source source,
    String deliveryId,
    String name,
    @Nullable String action,
    @Nullable String repo,
    @Nullable String subject,
    @Nullable String url,
    @Nullable Actor sender,
    EventDetail detail,
    @Nullable String unroutable) {

  public WebhookEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
    if (repo != null && unroutable != null) {
      throw new IllegalArgumentException("an event with a repository is not unroutable");
    }
  }

  /** An event whose repository, when it has none, needs no more words than that. */
  public WebhookEvent(
      Source source,
      String deliveryId,
      String name,
      @Nullable String action,
      @Nullable String repo,
      @Nullable String subject,
      @Nullable String url,
      @Nullable Actor sender,
      EventDetail detail) {
    this(source, deliveryId, name, action, repo, subject, url, sender, detail, null);
  }

  /** This event, in {@code repo}: the repository it named, or one it was found to belong to. */
  public WebhookEvent withRepo(String repo) {
    Objects.requireNonNull(repo, "repo");
    return new WebhookEvent(source, deliveryId, name, action, repo, subject, url, sender, detail);
  }

  /** The event and action as the trigger settings name them, e.g. {@code issues.opened}. */
  public String kind() {
    return action == null ? name : name + "." + action;
  }
}
