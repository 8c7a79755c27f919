package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.domain.trigger.Decision;
import io.webhookagents.domain.trigger.TriggerRules;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.DispatchSignal;
import io.webhookagents.ports.out.IdGenerator;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.RecordOutcome;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a checked delivery into a recorded decision and, when the rules start an agent, a pending
 * agent. Both are committed in one transaction before {@link #receive} returns, so the caller can
 * answer the sender knowing nothing will be lost; the controller is left to the dispatcher.
 */
public final class WebhookIntake implements ReceiveWebhook {
  private final TriggerRules rules;
  private final AgentStore store;
  private final IdGenerator ids;
  private final Clock clock;
  private final DispatchSignal dispatch;
  private final LifecycleListener listener;

  public WebhookIntake(
      TriggerRules rules,
      AgentStore store,
      IdGenerator ids,
      Clock clock,
      DispatchSignal dispatch,
      LifecycleListener listener) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.store = Objects.requireNonNull(store, "store");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Receipt receive(WebhookEvent event) {
    Instant now = clock.now();
    Decision decision = rules.decide(event);

    if (decision instanceof Decision.Ignore ignore) {
      DeliveryRecord delivery = delivery(event, DeliveryRecord.IGNORED, ignore.reason(), null, now);
      RecordOutcome outcome = store.recordDelivery(delivery, null, null);
      return outcome instanceof RecordOutcome.AlreadySeen seen
          ? new Receipt.Duplicate(seen.agentId())
          : new Receipt.Ignored(ignore.reason());
    }

    Agent agent = newAgent(event, ((Decision.Start) decision).prompt(), now);
    StatusEvent first =
        new StatusEvent(
            AgentStatus.PENDING,
            now,
            "created for " + event.source() + " " + event.kind() + " delivery " + event.deliveryId());
    DeliveryRecord delivery = delivery(event, DeliveryRecord.CREATED, null, agent.id(), now);
    RecordOutcome outcome = store.recordDelivery(delivery, agent, first);
    if (outcome instanceof RecordOutcome.AlreadySeen seen) {
      return new Receipt.Duplicate(seen.agentId());
    }

    listener.created(agent);
    dispatch.workAvailable();
    return new Receipt.Created(agent.id());
  }

  private Agent newAgent(WebhookEvent event, String prompt, Instant now) {
    return new Agent(
        ids.newAgentId(),
        event.source(),
        event.name(),
        event.action(),
        event.deliveryId(),
        Objects.requireNonNull(event.repo(), "repo of a triggering event"),
        Objects.requireNonNull(event.subject(), "subject of a triggering event"),
        event.url(),
        prompt,
        AgentStatus.PENDING,
        null,
        null,
        0,
        null,
        now,
        now);
  }

  private static DeliveryRecord delivery(
      WebhookEvent event,
      String decision,
      @Nullable String reason,
      @Nullable AgentId agentId,
      Instant now) {
    return new DeliveryRecord(
        event.source(), event.deliveryId(), event.kind(), decision, reason, agentId, now);
  }
}
