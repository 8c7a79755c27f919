package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import io.webhookagents.ports.out.Recording;
import io.webhookagents.ports.out.StoreException;
import io.webhookagents.ports.out.SubjectCap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A fake store that keeps the contract of {@link AgentStore} in memory, for service tests. */
final class InMemoryAgentStore implements AgentStore {
  private @Nullable AgentStatus refusedStatus;

  private final Map<AgentId, Agent> agents = new TreeMap<>();
  private final Map<AgentId, List<StatusEvent>> timelines = new HashMap<>();
  private final Map<String, DeliveryRecord> deliveries = new HashMap<>();
  private final Map<AgentId, Lease> leases = new HashMap<>();
  private final Map<AgentId, Instant> dueAt = new HashMap<>();
  private final List<StoredDelivery> audit = new ArrayList<>();
  private long lastDeliveryId;

  /**
   * When set, a record asked for without waiting is made only once this completes, as a store
   * committing in the background would make it.
   */
  volatile @Nullable CompletableFuture<Void> commits;

  private record Lease(String owner, Instant until) {}

  @Override
  public CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    CompletableFuture<Void> gate = commits;
    return gate == null
        ? AgentStore.super.recordDeliveryAsync(delivery, agent, firstEvent)
        : gate.thenApply(committed -> recordDelivery(delivery, agent, firstEvent));
  }

  @Override
  public CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    CompletableFuture<Void> gate = commits;
    return gate == null
        ? AgentStore.super.recordDeliveryAsync(delivery, agent, firstEvent, cap)
        : gate.thenApply(committed -> recordDelivery(delivery, agent, firstEvent, cap));
  }

  @Override
  public CompletableFuture<Recording.Made> recordFollowUpAsync(
      Source source,
      String subject,
      String repo,
      String deliveryId,
      Function<Optional<Agent>, Recording> recording,
      SubjectCap cap) {
    CompletableFuture<Void> gate = commits;
    return gate == null
        ? AgentStore.super.recordFollowUpAsync(source, subject, repo, deliveryId, recording, cap)
        : gate.thenCompose(
            committed ->
                AgentStore.super.recordFollowUpAsync(
                    source, subject, repo, deliveryId, recording, cap));
  }

  @Override
  public synchronized int deleteDeliveriesBefore(Instant before, int max) {
    List<StoredDelivery> oldest = audit.subList(0, Math.min(max, audit.size()));
    List<StoredDelivery> old =
        oldest.stream().filter(d -> d.delivery().receivedAt().isBefore(before)).toList();
    audit.removeAll(old);
    for (StoredDelivery gone : old) {
      DeliveryRecord record = gone.delivery();
      deliveries.remove(record.source() + "/" + record.deliveryId(), record);
    }
    return old.size();
  }

  @Override
  public synchronized boolean deliverySeen(Source source, String deliveryId) {
    return deliveries.containsKey(source + "/" + deliveryId);
  }

  @Override
  public synchronized RecordOutcome recordDelivery(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    String key = delivery.source() + "/" + delivery.deliveryId();
    DeliveryRecord earlier = deliveries.get(key);
    if (earlier != null) {
      audit.add(
          new StoredDelivery(
              ++lastDeliveryId,
              new DeliveryRecord(
                  delivery.source(),
                  delivery.deliveryId(),
                  delivery.kind(),
                  DeliveryRecord.DUPLICATE,
                  "delivered before",
                  earlier.agentId(),
                  delivery.receivedAt())));
      return new RecordOutcome.AlreadySeen(earlier.agentId());
    }
    deliveries.put(key, delivery);
    audit.add(new StoredDelivery(++lastDeliveryId, delivery));
    if (agent != null) {
      agents.put(agent.id(), agent);
      timelines.computeIfAbsent(agent.id(), id -> new ArrayList<>()).add(firstEvent);
    }
    return new RecordOutcome.Recorded();
  }

  /** Atomic here because every method of this fake holds its monitor. */
  @Override
  public synchronized RecordOutcome recordDelivery(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    return AgentStore.super.recordDelivery(delivery, agent, firstEvent, cap);
  }

  @Override
  public synchronized Optional<Agent> find(AgentId id) {
    return Optional.ofNullable(agents.get(id));
  }

  @Override
  public synchronized List<StatusEvent> timeline(AgentId id) {
    return List.copyOf(timelines.getOrDefault(id, List.of()));
  }

  @Override
  public synchronized List<Agent> list(AgentQuery query) {
    return agents.values().stream()
        .filter(a -> query.status() == null || a.status() == query.status())
        .filter(a -> query.source() == null || a.source() == query.source())
        .filter(a -> query.repo() == null || a.repo().equals(query.repo()))
        .filter(a -> query.before() == null || a.id().compareTo(query.before()) < 0)
        .sorted(Comparator.comparing(Agent::id).reversed())
        .limit(query.limit())
        .toList();
  }

  /** Makes every later change to {@code status} fail as a store that cannot write would. */
  synchronized void refuseChangesTo(AgentStatus status) {
    refusedStatus = status;
  }

  @Override
  public synchronized boolean apply(AgentChange change) {
    if (change.after().status() == refusedStatus) {
      throw new StoreException("could not store " + status(change) + ": disk I/O error", null);
    }
    Agent stored = agents.get(change.before().id());
    if (stored == null || stored.status() != change.before().status()) {
      return false;
    }
    agents.put(stored.id(), change.after());
    timelines.get(stored.id()).add(change.event());
    if (change.after().status() == AgentStatus.RUNNING || change.after().status().isFinal()) {
      leases.remove(stored.id());
    }
    return true;
  }

  @Override
  public synchronized boolean scheduleRetry(AgentChange change, Instant notBefore) {
    if (!apply(change)) {
      return false;
    }
    leases.remove(change.after().id());
    dueAt.put(change.after().id(), notBefore);
    return true;
  }

  @Override
  public synchronized List<Agent> claimForDispatch(
      int max, String owner, Instant now, Instant leaseUntil) {
    return claim(
        Set.of(AgentStatus.PENDING, AgentStatus.SESSION_CREATED), max, owner, now, leaseUntil);
  }

  @Override
  public synchronized List<Agent> claimForDispatch(
      AgentStatus waiting, int max, String owner, Instant now, Instant leaseUntil) {
    return claim(Set.of(waiting), max, owner, now, leaseUntil);
  }

  private List<Agent> claim(
      Set<AgentStatus> statuses, int max, String owner, Instant now, Instant leaseUntil) {
    List<Agent> claimed = new ArrayList<>();
    for (Agent agent : agents.values()) {
      if (claimed.size() == max) {
        break;
      }
      boolean waiting = statuses.contains(agent.status());
      Lease lease = leases.get(agent.id());
      boolean free = lease == null || lease.until().isBefore(now);
      boolean due = !dueAt.getOrDefault(agent.id(), Instant.MIN).isAfter(now);
      if (waiting && free && due) {
        Agent counted = agent.withAttempt();
        agents.put(agent.id(), counted);
        leases.put(agent.id(), new Lease(owner, leaseUntil));
        claimed.add(counted);
      }
    }
    return claimed;
  }

  @Override
  public synchronized void releaseLease(AgentId id, String owner) {
    Lease lease = leases.get(id);
    if (lease != null && lease.owner().equals(owner)) {
      leases.remove(id);
    }
  }

  @Override
  public synchronized int releaseAllLeases() {
    int released = leases.size();
    leases.clear();
    return released;
  }

  @Override
  public synchronized int countActive() {
    return (int)
        agents.values().stream()
            .filter(
                a -> a.status() == AgentStatus.SESSION_CREATED || a.status() == AgentStatus.RUNNING)
            .count();
  }

  @Override
  public synchronized List<Agent> runningSince(Instant startedBefore, int max) {
    return agents.values().stream()
        .filter(a -> a.status() == AgentStatus.RUNNING && a.updatedAt().isBefore(startedBefore))
        .limit(max)
        .toList();
  }

  @Override
  public synchronized List<Agent> unfinishedOn(Source source, String subject) {
    return agents.values().stream()
        .filter(a -> a.source() == source && a.subject().equals(subject))
        .filter(a -> !a.status().isFinal())
        .toList();
  }

  @Override
  public synchronized Optional<String> newestRepoOn(Source source, String subject) {
    return agents.values().stream()
        .filter(a -> a.source() == source && a.subject().equals(subject))
        .max(Comparator.comparing(Agent::createdAt).thenComparing(a -> a.id().value()))
        .map(Agent::repo);
  }

  @Override
  public synchronized int countCreatedSince(Source source, String subject, Instant since) {
    return (int)
        agents.values().stream()
            .filter(a -> a.source() == source && a.subject().equals(subject))
            .filter(a -> !a.createdAt().isBefore(since))
            .count();
  }

  @Override
  public synchronized List<StoredDelivery> listDeliveries(DeliveryQuery query) {
    List<StoredDelivery> newestFirst = new ArrayList<>(audit);
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream()
        .filter(d -> query.source() == null || d.delivery().source() == query.source())
        .filter(d -> query.decision() == null || d.delivery().decision().equals(query.decision()))
        .filter(d -> query.before() == null || d.id() < query.before())
        .limit(query.limit())
        .toList();
  }

  @Override
  public Optional<String> writeProblem() {
    return Optional.empty();
  }

  synchronized @Nullable DeliveryRecord delivery(Source source, String deliveryId) {
    return deliveries.get(source + "/" + deliveryId);
  }

  synchronized boolean isLeased(AgentId id) {
    return leases.containsKey(id);
  }

  synchronized int agentCount() {
    return agents.size();
  }

  private static String status(AgentChange change) {
    return change.after().status().wireName() + " of agent " + change.after().id();
  }
}
