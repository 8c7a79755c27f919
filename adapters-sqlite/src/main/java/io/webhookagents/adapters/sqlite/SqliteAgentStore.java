package io.webhookagents.adapters.sqlite;

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
import io.webhookagents.ports.out.SubjectCap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AgentStore} over one SQLite file.
 *
 * <p>Every write is committed before the method returns, in a transaction it may share with other
 * callers' writes, each in a savepoint of its own so that one failing write undoes nothing of the
 * others (see {@link GroupCommitWriter}). Times are stored as epoch milliseconds in INTEGER
 * columns: instants round-trip exactly to the millisecond (finer parts are dropped) and compare
 * correctly as plain numbers. Agent ids sort by creation time, so "newest first" and "oldest first"
 * are orders by id. Deliveries are numbered as they are recorded, a redelivery too, so the delivery
 * log pages by that number.
 *
 * <p>Thread-safe.
 */
final class SqliteAgentStore implements AgentStore {
  private static final Logger log = LoggerFactory.getLogger(SqliteAgentStore.class);
  private static final String FIND = "SELECT " + AgentRows.COLUMNS + " FROM agents WHERE id = ?";
  private static final String HEARTBEAT =
      "INSERT INTO heartbeat (id, at) VALUES (1, ?)"
          + " ON CONFLICT (id) DO UPDATE SET at = excluded.at";

  private final Transactions transactions;
  private final String database;
  // Readiness is probed often; a failing probe is logged once, when the database turns unwritable.
  private final AtomicBoolean writable = new AtomicBoolean(true);

  /** {@code database} names the file in log lines. */
  SqliteAgentStore(Transactions transactions, String database) {
    this.transactions = transactions;
    this.database = database;
  }

  @Override
  public RecordOutcome recordDelivery(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    return logged(
        delivery, transactions.write(what(delivery), recording(delivery, agent, firstEvent)));
  }

  @Override
  public CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    return transactions
        .writeAsync(what(delivery), recording(delivery, agent, firstEvent))
        .thenApply(outcome -> logged(delivery, outcome));
  }

  /** The cap is counted inside the same write as the insert, so a burst cannot overrun it. */
  @Override
  public RecordOutcome recordDelivery(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    return logged(
        delivery, transactions.write(what(delivery), capped(delivery, agent, firstEvent, cap)));
  }

  @Override
  public CompletableFuture<RecordOutcome> recordDeliveryAsync(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    return transactions
        .writeAsync(what(delivery), capped(delivery, agent, firstEvent, cap))
        .thenApply(outcome -> logged(delivery, outcome));
  }

  /**
   * The running agent is read inside the write, so it cannot end between the read and the write.
   */
  @Override
  public CompletableFuture<Recording.Made> recordFollowUpAsync(
      Source source,
      String subject,
      String repo,
      String deliveryId,
      Function<Optional<Agent>, Recording> recording,
      SubjectCap cap) {
    return transactions
        .writeAsync(
            what(source, deliveryId),
            connection -> {
              Optional<Agent> running =
                  SubjectRows.newestRunningWithSession(connection, source, subject, repo);
              Recording built = recording.apply(running);
              Transactions.Work<RecordOutcome> write =
                  capped(built.delivery(), built.agent(), built.firstEvent(), cap);
              return new Recording.Made(built, write.run(connection));
            })
        .thenApply(
            made -> {
              logged(made.recording().delivery(), made.outcome());
              return made;
            });
  }

  private static String what(DeliveryRecord delivery) {
    return what(delivery.source(), delivery.deliveryId());
  }

  private static String what(Source source, String deliveryId) {
    return "record " + source + " delivery " + deliveryId;
  }

  private static Transactions.Work<RecordOutcome> recording(
      DeliveryRecord delivery, @Nullable Agent agent, @Nullable StatusEvent firstEvent) {
    return connection -> {
      Optional<RecordOutcome> duplicate = recordedAsDuplicate(connection, delivery);
      if (duplicate.isPresent()) {
        return duplicate.get();
      }
      if (agent != null) {
        AgentRows.insert(connection, agent);
        if (firstEvent != null) {
          EventRows.append(connection, agent.id(), firstEvent);
        }
      }
      DeliveryRows.insert(connection, delivery);
      return new RecordOutcome.Recorded();
    };
  }

  private static Transactions.Work<RecordOutcome> capped(
      DeliveryRecord delivery, Agent agent, StatusEvent firstEvent, SubjectCap cap) {
    return connection -> {
      Optional<RecordOutcome> duplicate = recordedAsDuplicate(connection, delivery);
      if (duplicate.isPresent()) {
        return duplicate.get();
      }
      if (SubjectRows.createdAtLeast(
          connection, agent.source(), agent.subject(), cap.since(), cap.max())) {
        DeliveryRows.insert(connection, ignored(delivery, cap.reasonWhenReached()));
        return new RecordOutcome.CapReached();
      }
      AgentRows.insert(connection, agent);
      EventRows.append(connection, agent.id(), firstEvent);
      DeliveryRows.insert(connection, delivery);
      return new RecordOutcome.Recorded();
    };
  }

  /**
   * Records a redelivery as a duplicate of its original, naming the agent the original made, and
   * counts it on the original's row; the oldest duplicate rows of the id past those kept go.
   */
  private static Optional<RecordOutcome> recordedAsDuplicate(
      Connection connection, DeliveryRecord delivery) throws SQLException {
    Optional<DeliveryRows.Original> found = DeliveryRows.findOriginal(connection, delivery);
    if (found.isEmpty()) {
      return Optional.empty();
    }

    DeliveryRows.Original original = found.get();
    DeliveryRows.countRedelivery(connection, original);
    DeliveryRows.insert(connection, original.duplicate(delivery));
    if (original.mayOverflowDuplicates()) {
      DeliveryRows.deleteOlderDuplicates(connection, delivery);
    }
    return Optional.of(new RecordOutcome.AlreadySeen(original.agentId()));
  }

  private static RecordOutcome logged(DeliveryRecord delivery, RecordOutcome outcome) {
    if (log.isDebugEnabled()) {
      String name = delivery.source() + " delivery " + delivery.deliveryId();
      if (outcome instanceof RecordOutcome.AlreadySeen seen) {
        log.debug(
            "{}: delivered before, recorded as a duplicate of agent {}", name, seen.agentId());
      } else if (outcome instanceof RecordOutcome.CapReached) {
        log.debug("{}: recorded as ignored, its subject's cap reached", name);
      } else {
        log.debug("{}: recorded as {}", name, delivery.decision());
      }
    }
    return outcome;
  }

  private static DeliveryRecord ignored(DeliveryRecord delivery, String reason) {
    return new DeliveryRecord(
        delivery.source(),
        delivery.deliveryId(),
        delivery.kind(),
        DeliveryRecord.IGNORED,
        reason,
        null,
        delivery.receivedAt());
  }

  @Override
  public int deleteDeliveriesBefore(Instant before, int max) {
    return transactions.write(
        "delete deliveries received before " + before,
        connection -> DeliveryRows.deleteOldest(connection, before, max));
  }

  @Override
  public boolean deliverySeen(Source source, String deliveryId) {
    return transactions.read(
        "look up " + source + " delivery " + deliveryId,
        connection -> DeliveryRows.findOriginal(connection, source, deliveryId).isPresent());
  }

  @Override
  public Optional<Agent> find(AgentId id) {
    return transactions.read(
        "find agent " + id,
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setString(1, id.value());
            try (ResultSet row = query.executeQuery()) {
              return row.next() ? Optional.of(AgentRows.read(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<StatusEvent> timeline(AgentId id) {
    return transactions.read(
        "read the timeline of agent " + id, connection -> EventRows.timeline(connection, id));
  }

  @Override
  public List<Agent> list(AgentQuery query) {
    return transactions.read("list agents", connection -> ListRows.list(connection, query));
  }

  @Override
  public boolean apply(AgentChange change) {
    return applyChange(change, null);
  }

  @Override
  public boolean scheduleRetry(AgentChange change, Instant notBefore) {
    return applyChange(change, notBefore);
  }

  private boolean applyChange(AgentChange change, @Nullable Instant notBefore) {
    AgentId id = change.after().id();
    boolean applied =
        transactions.write(
            "store " + change.after().status() + " of agent " + id,
            connection -> {
              if (!ChangeRows.update(connection, change, notBefore)) {
                return false;
              }
              EventRows.append(connection, id, change.event());
              return true;
            });

    if (!applied) {
      log.debug(
          "agent {}: not {}, it is no longer {}",
          id,
          change.after().status(),
          change.before().status());
    }
    return applied;
  }

  @Override
  public List<Agent> claimForDispatch(int max, String owner, Instant now, Instant leaseUntil) {
    return claim(null, max, owner, now, leaseUntil);
  }

  @Override
  public List<Agent> claimForDispatch(
      AgentStatus waiting, int max, String owner, Instant now, Instant leaseUntil) {
    if (waiting != AgentStatus.PENDING && waiting != AgentStatus.SESSION_CREATED) {
      throw new IllegalArgumentException("agents do not wait for dispatch as " + waiting);
    }
    return claim(waiting, max, owner, now, leaseUntil);
  }

  private List<Agent> claim(
      @Nullable AgentStatus waiting, int max, String owner, Instant now, Instant leaseUntil) {
    if (max <= 0) {
      return List.of();
    }
    return transactions.write(
        "claim agents for " + owner,
        connection -> DispatchRows.claim(connection, waiting, max, owner, now, leaseUntil));
  }

  @Override
  public void releaseLease(AgentId id, String owner) {
    transactions.write(
        "release the lease of " + owner + " on agent " + id,
        connection -> DispatchRows.release(connection, id, owner));
  }

  @Override
  public int releaseAllLeases() {
    return transactions.write("release all leases", DispatchRows::releaseAll);
  }

  @Override
  public int countActive() {
    return transactions.read("count active agents", DispatchRows::countActive);
  }

  /** One grouped query, rather than the port's default of paging through every agent. */
  @Override
  public Map<AgentStatus, Integer> countByStatus() {
    return transactions.read("count agents by status", DispatchRows::countByStatus);
  }

  @Override
  public List<Agent> runningSince(Instant startedBefore, int max) {
    if (max <= 0) {
      return List.of();
    }
    return transactions.read(
        "find agents running since before " + startedBefore,
        connection -> DispatchRows.runningSince(connection, startedBefore, max));
  }

  @Override
  public List<Agent> unfinishedOn(Source source, String subject) {
    return transactions.read(
        "find unfinished agents on " + source + " subject " + subject,
        connection -> SubjectRows.unfinished(connection, source, subject));
  }

  @Override
  public Optional<String> newestRepoOn(Source source, String subject) {
    return transactions.read(
        "find the repository of " + source + " subject " + subject,
        connection -> SubjectRows.newestRepo(connection, source, subject));
  }

  @Override
  public int countCreatedSince(Source source, String subject, Instant since) {
    return transactions.read(
        "count agents created on " + source + " subject " + subject + " since " + since,
        connection -> SubjectRows.countCreatedSince(connection, source, subject, since));
  }

  @Override
  public List<StoredDelivery> listDeliveries(DeliveryQuery query) {
    return transactions.read(
        "list deliveries", connection -> DeliveryListRows.list(connection, query));
  }

  /**
   * Writes a heartbeat row; what stopped it, in SQLite's words, when it could not. A heartbeat
   * rewrites one row in place, which a full disk may still take, so a write the file refused in the
   * last seconds is a problem too.
   */
  @Override
  public Optional<String> writeProblem() {
    try {
      transactions.write("write the heartbeat", SqliteAgentStore::writeHeartbeat);
    } catch (RuntimeException e) {
      if (writable.getAndSet(false)) {
        log.warn("database {} is not writable", database, e);
      } else {
        log.debug("database {} is still not writable", database, e);
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return Optional.of("the database cannot be written: " + cause.getMessage());
    }

    Optional<String> refused = transactions.recentRefusal();
    if (refused.isPresent()) {
      if (writable.getAndSet(false)) {
        log.warn("database {} is not writable: {}", database, refused.get());
      }
      return Optional.of("the database cannot be written: " + refused.get());
    }
    if (!writable.getAndSet(true)) {
      log.info("database {} is writable again", database);
    }
    return Optional.empty();
  }

  private static int writeHeartbeat(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HEARTBEAT)) {
      Columns.setTime(statement, 1, Instant.now());
      return statement.executeUpdate();
    }
  }
}
