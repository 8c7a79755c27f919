package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One accepted delivery and what was decided about it.
 *
 * @param kind the event and action, e.g. {@code issues.opened}
 * @param decision {@code created}, {@code follow-up}, {@code duplicate} or {@code ignored}
 * @param reason why it was decided so, in words; may be null for {@code created}
 * @param agentId the agent it created, or for a duplicate the agent the first delivery created
 */
public record DeliveryRecord(
    Source source,
    String deliveryId,
    String kind,
    String decision,
    @Nullable String reason,
    @Nullable AgentId agentId,
    Instant receivedAt) {

  public static final String CREATED = "created";
  public static final String FOLLOW_UP = "follow-up";
  public static final String DUPLICATE = "duplicate";
  public static final String IGNORED = "ignored";

  public DeliveryRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
