package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.IllegalTransitionException;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.domain.trigger.Decision;
import io.webhookagents.domain.trigger.TriggerRules;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.DispatchSignal;
import io.webhookagents.ports.out.IdGenerator;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.RecordOutcome;
import io.webhookagents.ports.out.Recording;
import io.webhookagents.ports.out.SubjectCap;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a checked delivery into a recorded decision and, when the rules start an agent, a pending
 * agent. Both are committed in one transaction before {@link #receive} returns, so the caller can
 * answer the sender knowing nothing will be lost; the controller is left to the dispatcher.
 *
 * <p>Beyond the trigger rules, intake applies the limits that need history: at most {@code
 * maxAgentsPerSubjectPerHour} agents per subject, counted by the store in the transaction that
 * would create the agent so that a burst cannot overrun it; and a new comment on a subject whose
 * agent is still running becomes a follow-up on that agent's session rather than a second session,
 * the running agent read by the store in that same transaction. Two comments racing each other may
 * both become follow-ups of the same agent, which is harmless. A reply in a chat thread that names
 * no repository works in the repository of the thread's newest agent, read first, so that it
 * follows that agent up, or starts one where the thread's work is, rather than in a default. That
 * read sees committed agents only: a reply racing its thread's first message, still being written,
 * takes the default. Replies are written by people, seconds apart; a commit takes milliseconds.
 *
 * <p>{@link #receiveAsync} never waits: a delivery the rules ignore, a new issue and a comment go
 * straight to the store's background commit. Closing a subject reads the store first, then cancels
 * its agents one by one, and a thread's reply reads its repository first; both run on {@code
 * historyReader}, an executor whose threads may wait.
 */
public final class WebhookIntake implements ReceiveWebhook {
  private static final Duration CAP_WINDOW = Duration.ofHours(1);

  private final TriggerRules rules;
  private final AgentStore store;
  private final IdGenerator ids;
  private final Clock clock;
  private final DispatchSignal dispatch;
  private final LifecycleListener listener;
  private final ChangeAgents changes;
  private final int maxAgentsPerSubjectPerHour;
  private final Executor historyReader;

  public WebhookIntake(
      TriggerRules rules,
      AgentStore store,
      IdGenerator ids,
      Clock clock,
      DispatchSignal dispatch,
      LifecycleListener listener,
      ChangeAgents changes,
      int maxAgentsPerSubjectPerHour,
      Executor historyReader) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.store = Objects.requireNonNull(store, "store");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.changes = Objects.requireNonNull(changes, "changes");
    if (maxAgentsPerSubjectPerHour < 1) {
      throw new IllegalArgumentException(
          "maxAgentsPerSubjectPerHour must be at least 1, was " + maxAgentsPerSubjectPerHour);
    }
    this.maxAgentsPerSubjectPerHour = maxAgentsPerSubjectPerHour;
    this.historyReader = Objects.requireNonNull(historyReader, "historyReader");
  }

  @Override
  public Receipt receive(WebhookEvent event) {
    try {
      return receiveAsync(event).join();
    } catch (CompletionException e) {
      throw unwrapped(e);
    }
  }

  @Override
  public void refused(Source source, int status) {
    listener.requestRefused(source, status);
  }

  @Override
  public CompletableFuture<Receipt> receiveAsync(WebhookEvent event) {
    Instant now = clock.now();
    if (TriggerRules.closesSubject(event) && event.subject() != null) {
      String subject = event.subject();
      return CompletableFuture.supplyAsync(() -> closeSubject(event, subject, now), historyReader);
    }

    if (inheritsRepo(event) && event.subject() != null) {
      String subject = event.subject();
      return CompletableFuture.supplyAsync(() -> inThreadRepo(event, subject), historyReader)
          .thenCompose(routed -> decided(routed, now));
    }
    return decided(event, now);
  }

  /** The event in the repository of its subject's newest agent; as it is when there is none. */
  private WebhookEvent inThreadRepo(WebhookEvent event, String subject) {
    return store.newestRepoOn(event.source(), subject).map(event::withRepo).orElse(event);
  }

  private CompletableFuture<Receipt> decided(WebhookEvent event, Instant now) {
    Decision decision = rules.decide(event);
    if (decision instanceof Decision.Ignore ignore) {
      return ignore(event, ignore.reason(), now);
    }

    String subject = Objects.requireNonNull(event.subject(), "subject of a triggering event");
    String prompt = ((Decision.Start) decision).prompt();
    SubjectCap cap =
        new SubjectCap(maxAgentsPerSubjectPerHour, now.minus(CAP_WINDOW), capReason(subject));
    if (!isFollowUp(event)) {
      Recording recording = recording(event, subject, prompt, now, Optional.empty());
      return store
          .recordDeliveryAsync(recording.delivery(), recording.agent(), recording.firstEvent(), cap)
          .thenApply(outcome -> started(event, recording, cap, outcome));
    }
    return store
        .recordFollowUpAsync(
            event.source(),
            subject,
            Objects.requireNonNull(event.repo(), "repo of a triggering event"),
            event.deliveryId(),
            running -> recording(event, subject, prompt, now, running),
            cap)
        .thenApply(made -> started(event, made.recording(), cap, made.outcome()));
  }

  /**
   * What to record for a delivery that starts an agent, following up on {@code running}, if any:
   * the newest agent running on the subject in the same repository, since a session is made for
   * one, so that a message in a Slack thread that names another starts an agent of its own.
   */
  private Recording recording(
      WebhookEvent event, String subject, String prompt, Instant now, Optional<Agent> running) {
    Agent agent = newAgent(event, subject, prompt, now);
    String decision = DeliveryRecord.CREATED;
    String detail = "created for " + describe(event);
    if (running.isPresent()) {
      String session = Objects.requireNonNull(running.get().sessionId());
      agent = agent.withSessionToReuse(session);
      decision = DeliveryRecord.FOLLOW_UP;
      detail = "follow-up for " + describe(event) + " on session " + session;
      detail += " of agent " + running.get().id();
    }

    StatusEvent first = new StatusEvent(AgentStatus.PENDING, now, detail);
    return new Recording(delivery(event, decision, detail, agent.id(), now), agent, first);
  }

  private Receipt started(
      WebhookEvent event, Recording recording, SubjectCap cap, RecordOutcome outcome) {
    Agent agent = recording.agent();
    listener.deliveryRecorded(event.source(), decisionOf(outcome, recording.delivery().decision()));
    if (outcome instanceof RecordOutcome.AlreadySeen seen) {
      return new Receipt.Duplicate(seen.agentId());
    }
    if (outcome instanceof RecordOutcome.CapReached) {
      return new Receipt.Ignored(cap.reasonWhenReached());
    }

    listener.created(agent);
    dispatch.workAvailable();
    return new Receipt.Created(agent.id(), agent.sessionId());
  }

  private String capReason(String subject) {
    return subject
        + " already had "
        + maxAgentsPerSubjectPerHour
        + " agents in the last hour (MAX_AGENTS_PER_SUBJECT_PER_HOUR="
        + maxAgentsPerSubjectPerHour
        + ")";
  }

  private static String decisionOf(RecordOutcome outcome, String decision) {
    if (outcome instanceof RecordOutcome.AlreadySeen) {
      return DeliveryRecord.DUPLICATE;
    }
    return outcome instanceof RecordOutcome.CapReached ? DeliveryRecord.IGNORED : decision;
  }

  /** Records the delivery and tells the listener what it was recorded as. */
  private RecordOutcome record(DeliveryRecord delivery) {
    RecordOutcome outcome = store.recordDelivery(delivery, null, null);
    return recorded(delivery, outcome);
  }

  private RecordOutcome recorded(DeliveryRecord delivery, RecordOutcome outcome) {
    listener.deliveryRecorded(delivery.source(), decisionOf(outcome, delivery.decision()));
    return outcome;
  }

  /**
   * Cancels the subject's unfinished agents, then records the close. A close whose cancels failed,
   * or were cut short by a crash, is not recorded: its sender hears of the failure and sends it
   * again, and the redelivery cancels what is left. A close recorded before is a duplicate and
   * cancels nothing, so that an old one sent again leaves the agents of a reopened subject alone.
   */
  private Receipt closeSubject(WebhookEvent event, String subject, Instant now) {
    List<Agent> unfinished = List.of();
    if (!store.deliverySeen(event.source(), event.deliveryId())) {
      unfinished = store.unfinishedOn(event.source(), subject);
      cancelWithFollowUps(event.source(), subject, unfinished);
    }

    String reason =
        unfinished.isEmpty()
            ? subject + " was closed; it had no unfinished agents"
            : subject + " was closed; cancelling " + ids(unfinished);
    RecordOutcome outcome = record(delivery(event, DeliveryRecord.IGNORED, reason, null, now));
    if (outcome instanceof RecordOutcome.AlreadySeen seen) {
      return new Receipt.Duplicate(seen.agentId());
    }
    return new Receipt.Ignored(reason);
  }

  /**
   * Cancels {@code agents}, then the follow-ups on their sessions recorded since they were read: a
   * comment recorded meanwhile, while the agent it follows still ran, would otherwise carry on on a
   * closed subject. With a store that reads the running agent inside the write that records a
   * follow-up, as the SQLite store does, no comment can follow an agent up once its cancel has
   * committed, so one more read after the cancels finds every such follow-up. Each round looks only
   * at agents not seen before, and a subject has few (the per-subject cap), so the rounds end.
   */
  private void cancelWithFollowUps(Source source, String subject, List<Agent> agents) {
    String why = "cancelled because " + subject + " was closed";
    Set<AgentId> seen = new HashSet<>();
    Set<String> sessions = new HashSet<>();
    List<Agent> toCancel = agents;
    while (!toCancel.isEmpty()) {
      for (Agent agent : toCancel) {
        seen.add(agent.id());
        sessionAfterCancel(agent, why).ifPresent(sessions::add);
      }
      toCancel = followUpsLeft(source, subject, seen, sessions);
    }
  }

  /**
   * The agent's session once it is cancelled, or, when it had ended before, as it ended: it may
   * have got its session, and a follow-up on it, after the close read it.
   */
  private Optional<String> sessionAfterCancel(Agent agent, String why) {
    Optional<Agent> after = cancelUnlessEnded(agent.id(), why);
    if (after.isEmpty()) {
      after = store.find(agent.id());
    }
    return after.map(Agent::sessionId).or(() -> Optional.ofNullable(agent.sessionId()));
  }

  /** The unfinished agents on the subject, not seen yet, on one of {@code sessions}. */
  private List<Agent> followUpsLeft(
      Source source, String subject, Set<AgentId> seen, Set<String> sessions) {
    if (sessions.isEmpty()) {
      return List.of();
    }
    return store.unfinishedOn(source, subject).stream()
        .filter(agent -> !seen.contains(agent.id()))
        .filter(agent -> sessions.contains(agent.sessionId()))
        .toList();
  }

  /**
   * The agent as cancelled; empty when it ended between the read and the cancel, leaving nothing to
   * stop. Any other failure is the close's, which is then not recorded.
   */
  private Optional<Agent> cancelUnlessEnded(AgentId id, String reason) {
    try {
      return Optional.of(changes.cancel(id, reason));
    } catch (IllegalTransitionException alreadyEnded) {
      return Optional.empty();
    }
  }

  private CompletableFuture<Receipt> ignore(WebhookEvent event, String reason, Instant now) {
    DeliveryRecord delivery = delivery(event, DeliveryRecord.IGNORED, reason, null, now);
    return store
        .recordDeliveryAsync(delivery, null, null)
        .thenApply(
            outcome ->
                recorded(delivery, outcome) instanceof RecordOutcome.AlreadySeen seen
                    ? new Receipt.Duplicate(seen.agentId())
                    : new Receipt.Ignored(reason));
  }

  /** The failure itself, which {@link CompletableFuture#join} wraps. */
  private static RuntimeException unwrapped(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return e;
  }

  private static boolean inheritsRepo(WebhookEvent event) {
    return event.detail() instanceof MessageDetail message && message.inheritsRepo();
  }

  /** Comments and chat messages follow up on a running agent; a new issue always starts anew. */
  private static boolean isFollowUp(WebhookEvent event) {
    return !(event.detail() instanceof IssueDetail);
  }

  private Agent newAgent(WebhookEvent event, String subject, String prompt, Instant now) {
    return new Agent(
        ids.newAgentId(),
        event.source(),
        event.name(),
        event.action(),
        event.deliveryId(),
        Objects.requireNonNull(event.repo(), "repo of a triggering event"),
        subject,
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

  private static String describe(WebhookEvent event) {
    return event.source() + " " + event.kind() + " delivery " + event.deliveryId();
  }

  private static String ids(List<Agent> agents) {
    return agents.stream().map(a -> a.id().value()).collect(Collectors.joining(", "));
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
