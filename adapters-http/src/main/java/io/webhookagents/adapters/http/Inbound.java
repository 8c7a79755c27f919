package io.webhookagents.adapters.http;

import io.webhookagents.domain.event.WebhookEvent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a verified delivery turned out to be, once its payload was read. */
sealed interface Inbound permits Inbound.Delivery, Inbound.Reply {

  /**
   * An event for {@link io.webhookagents.ports.in.ReceiveWebhook}, which records it and decides.
   *
   * @param unroutable why the event, though of a kind that starts agents, cannot start one here (no
   *     repository could be chosen for it), in words for the sender; null when nothing stands in
   *     the way. The rules ignore such an event because it has no repository, and this more precise
   *     reason replaces theirs in the answer.
   */
  record Delivery(WebhookEvent event, @Nullable String unroutable) implements Inbound {
    public Delivery {
      Objects.requireNonNull(event, "event");
    }

    static Delivery of(WebhookEvent event) {
      return new Delivery(event, null);
    }
  }

  /**
   * A request answered at once with {@code 200} and this JSON, without the use case: a sender's
   * handshake, or a message that is not a delivery and carries no key to record it by.
   *
   * @param summary what was answered, for the log
   */
  record Reply(byte[] json, String summary) implements Inbound {
    public Reply {
      Objects.requireNonNull(json, "json");
      Objects.requireNonNull(summary, "summary");
    }
  }
}
