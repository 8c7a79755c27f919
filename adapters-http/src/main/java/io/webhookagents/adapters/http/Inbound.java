package io.webhookagents.adapters.http;

import io.webhookagents.domain.event.WebhookEvent;
import java.util.Objects;

/** What a verified delivery turned out to be, once its payload was read. */
sealed interface Inbound permits Inbound.Delivery, Inbound.Reply {

  /**
   * An event for {@link io.webhookagents.ports.in.ReceiveWebhook}, which records it and decides.
   */
  record Delivery(WebhookEvent event) implements Inbound {
    public Delivery {
      Objects.requireNonNull(event, "event");
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
