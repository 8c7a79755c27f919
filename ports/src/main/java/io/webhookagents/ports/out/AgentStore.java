package io.webhookagents.ports.out;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Durable storage of agents, their timelines and the deliveries they came from.
 *
 * <p>Every method commits before it returns: once a call has returned, a crash loses nothing it
 * wrote. No method waits on anything but the store itself. Failures of the store surface as {@link
 * StoreException}.
 */
public interface AgentStore {

  /**
   * Records a delivery and, when {@code agent} is not null, that agent with {@code firstEvent} as
   * the first line of its timeline, all in one transaction. When the same source has recorded a
   * delivery with the same id before, writes no agent and records this delivery as a {@code
   * duplicate} of the earlier one instead, naming the agent the earlier one created, if any. A
   * store may keep only the newest duplicates of one id, as long as it counts them all on the
   * earlier one.
   */
  RecordOutcome recordDelivery(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent);

  /**
   * Like {@link #recordDelivery(DeliveryRecord, Agent, StatusEvent)}, but when {@code agent}'s
   * subject already had {@code cap.max()} agents created since {@code cap.since()}, records the
   * delivery as ignored with {@code cap.reasonWhenReached()} and writes no agent. The count and the
   * write are one transaction in stores that override this; this default counts first and so may
   * let concurrent deliveries overrun the cap.
   */
  default RecordOutcome recordDelivery(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    if (countCreatedSince(agent.source(), agent.subject(), cap.since()) < cap.max()) {
      return recordDelivery(delivery, agent, firstEvent);
    }
    DeliveryRecord ignored =
        new DeliveryRecord(
            delivery.source(),
            delivery.deliveryId(),
            delivery.kind(),
            DeliveryRecord.IGNORED,
            cap.reasonWhenReached(),
            null,
            delivery.receivedAt());
    RecordOutcome outcome = recordDelivery(ignored, null, null);
    return outcome instanceof RecordOutcome.AlreadySeen ? outcome : new RecordOutcome.CapReached();
  }

  /**
   * {@link #recordDelivery(DeliveryRecord, Agent, StatusEvent)} for a caller that must not wait:
   * the future completes once the transaction has committed, or fails with a {@link
   * StoreException}. What is chained to it may run on the store's own thread, so it must be quick
   * and never wait. A store may commit on the caller's thread when it has no other write to make,
   * which costs the caller one commit, never a wait behind other callers' writes. This default
   * records before it returns; stores that can commit in the background override it.
   */
  default CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    try {
      return CompletableFuture.completedFuture(recordDelivery(delivery, agent, firstEvent));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #recordDelivery(DeliveryRecord, Agent, StatusEvent, SubjectCap)} for a caller that must
   * not wait, as {@link #recordDeliveryAsync(DeliveryRecord, Agent, StatusEvent)} is.
   */
  default CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    try {
      return CompletableFuture.completedFuture(recordDelivery(delivery, agent, firstEvent, cap));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Records a delivery that follows up on the newest agent running on {@code subject} with a
   * session, in {@code repo} (its case aside, as GitHub compares names), if there is one; a session
   * is made for one repository. {@code recording} is given that agent, or nothing, and says what to
   * record, which is then recorded under {@code cap} as {@link #recordDelivery(DeliveryRecord,
   * Agent, StatusEvent, SubjectCap)} does. The recording's agent is on {@code source} and {@code
   * subject}, and its delivery is {@code deliveryId}. The future holds the recording made, and
   * completes as {@link #recordDeliveryAsync(DeliveryRecord, Agent, StatusEvent)}'s does.
   *
   * <p>Stores that override this read the running agent in the transaction that writes, so that it
   * cannot end in between; {@code recording} may then be called more than once, when a transaction
   * is run again, and must do nothing but build the recording. This default reads first and records
   * before it returns.
   *
   * @param deliveryId names the delivery in errors and log lines
   */
  default CompletableFuture<Recording.Made> recordFollowUpAsync(
      Source source,
      String subject,
      String repo,
      String deliveryId,
      Function<Optional<Agent>, Recording> recording,
      SubjectCap cap) {
    try {
      Recording built =
          recording.apply(newestRunningWithSession(unfinishedOn(source, subject), repo));
      RecordOutcome outcome =
          recordDelivery(built.delivery(), built.agent(), built.firstEvent(), cap);
      return CompletableFuture.completedFuture(new Recording.Made(built, outcome));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Of {@code unfinished}, oldest first, the newest in {@code repo} running with a session. */
  private static Optional<Agent> newestRunningWithSession(List<Agent> unfinished, String repo) {
    Agent newest = null;
    for (Agent agent : unfinished) {
      if (agent.status() == AgentStatus.RUNNING
          && agent.sessionId() != null
          && agent.repo().equalsIgnoreCase(repo)) {
        newest = agent;
      }
    }
    return Optional.ofNullable(newest);
  }

  Optional<Agent> find(AgentId id);

  /**
   * True when a delivery with this source and id was recorded before, other than as a duplicate.
   */
  boolean deliverySeen(Source source, String deliveryId);

  /**
   * Deletes deliveries received before {@code before}, looking at no more than the {@code max}
   * oldest, and returns how many went. A delivery deleted is forgotten: sent again, it counts as
   * new. Agents are kept.
   */
  int deleteDeliveriesBefore(Instant before, int max);

  /** The agent's timeline, oldest line first; empty when the agent does not exist. */
  List<StatusEvent> timeline(AgentId id);

  /** Agents matching the query, newest first, at most {@code query.limit()} of them. */
  List<Agent> list(AgentQuery query);

  /**
   * Stores {@code change.after()} and appends {@code change.event()} to the timeline, provided the
   * stored agent still has the status of {@code change.before()}. When the new status is running or
   * final, the dispatch lease on the agent is released too. The attempt count is not taken from
   * {@code change.after()}: only {@link #claimForDispatch} counts attempts, so a change built from
   * a copy read before a claim cannot undo that count.
   *
   * @return false, writing nothing, when the stored status had already moved on
   */
  boolean apply(AgentChange change);

  /**
   * Applies {@code change}, which keeps the agent's status, and makes the agent due for dispatch
   * again at {@code notBefore}, releasing its lease.
   *
   * @return false, writing nothing, when the stored status had already moved on
   */
  boolean scheduleRetry(AgentChange change, Instant notBefore);

  /**
   * Takes up to {@code max} agents that wait for dispatch (pending or session_created), are due by
   * {@code now} and are not leased, or whose lease ran out. Each is leased to {@code owner} until
   * {@code leaseUntil} and counted as one more attempt; the agents returned show both. Oldest
   * agents come first.
   */
  List<Agent> claimForDispatch(int max, String owner, Instant now, Instant leaseUntil);

  /**
   * As {@link #claimForDispatch(int, String, Instant, Instant)}, taking only agents whose status is
   * {@code waiting}, pending or session_created.
   */
  List<Agent> claimForDispatch(
      AgentStatus waiting, int max, String owner, Instant now, Instant leaseUntil);

  /** Gives up {@code owner}'s lease on the agent, if it holds one, so it can be claimed again. */
  void releaseLease(AgentId id, String owner);

  /** Gives up every lease, whoever holds it. Only for a process that is the store's only user. */
  int releaseAllLeases();

  /** How many agents are in session_created or running now. */
  int countActive();

  /** Running agents whose task started before {@code startedBefore}, oldest first. */
  List<Agent> runningSince(Instant startedBefore, int max);

  /** Agents on {@code subject} from {@code source} that have not ended, oldest first. */
  List<Agent> unfinishedOn(Source source, String subject);

  /**
   * The repository of the newest agent on {@code subject} from {@code source}, whatever its status;
   * empty when the subject has none.
   */
  Optional<String> newestRepoOn(Source source, String subject);

  /**
   * How many agents were created on {@code subject} from {@code source} at or after {@code since}.
   */
  int countCreatedSince(Source source, String subject, Instant since);

  /** Recorded deliveries that match the query, newest first, at most {@code query.limit()}. */
  List<StoredDelivery> listDeliveries(DeliveryQuery query);

  /**
   * How many agents are in each status. This default pages through {@link #list}; stores that can
   * count cheaply should override it.
   */
  default Map<AgentStatus, Integer> countByStatus() {
    Map<AgentStatus, Integer> counts = new EnumMap<>(AgentStatus.class);
    for (AgentStatus status : AgentStatus.values()) {
      int count = 0;
      AgentId before = null;
      List<Agent> page;
      do {
        page = list(new AgentQuery(status, null, null, AgentQuery.MAX_LIMIT, before));
        count += page.size();
        before = page.isEmpty() ? null : page.get(page.size() - 1).id();
      } while (page.size() == AgentQuery.MAX_LIMIT);
      counts.put(status, count);
    }
    return counts;
  }

  /** Why a write cannot be committed now, for an operator; empty when one can. */
  Optional<String> writeProblem();
}
