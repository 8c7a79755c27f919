package io.webhookagents.benchmarks;

import io.webhookagents.adapters.http.BenchEvents;
import io.webhookagents.adapters.sqlite.SqliteDatabase;
import io.webhookagents.adapters.sqlite.SqliteSettings;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.domain.trigger.Prompts;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The store's share of a webhook: one {@link AgentStore#recordDelivery} that commits the agent, its
 * first timeline line and the delivery, as intake writes them for the {@code issues.opened}
 * fixture, each with a fresh delivery id. Measured from one thread and from 16, the second showing
 * what contention on SQLite's single writer costs and what batching commits gains.
 *
 * <p>Every trial opens a new database file in a temporary directory and deletes it afterwards.
 * Commits are durable (the adapter syncs the log on every commit), so the figures depend on the
 * disk as much as on the code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreInsertBenchmark {
  private final AtomicLong sequence = new AtomicLong();
  private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  private final WebhookEvent event = BenchEvents.issue("setup", Fixture.issueOpened());
  private final String prompt = Prompts.forEvent(event);

  private @Nullable Path directory;
  private @Nullable SqliteDatabase database;
  private @Nullable AgentStore store;

  @Setup(Level.Trial)
  public void openAnEmptyDatabase() throws IOException {
    directory = Files.createTempDirectory("store-bench-");
    database = SqliteDatabase.open(SqliteSettings.at(directory.resolve("agents.db")));
    store = database.agentStore();
  }

  @TearDown(Level.Trial)
  public void deleteTheDatabase() throws IOException {
    if (database != null) {
      database.close();
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @Benchmark
  public RecordOutcome recordDelivery() {
    return record();
  }

  @Benchmark
  @Threads(16)
  public RecordOutcome recordDeliveryFrom16Threads() {
    return record();
  }

  private RecordOutcome record() {
    long n = sequence.incrementAndGet();
    // Ids grow with n, as the service's time-ordered ids do, so rows append to the indexes.
    String delivery = run + "-" + String.format("%012d", n);
    AgentId id = new AgentId("bench" + run + String.format("%012d", n));
    Instant now = Instant.now();

    Agent agent = agent(id, delivery, now);
    StatusEvent first = new StatusEvent(AgentStatus.PENDING, now, "created for issues.opened");
    DeliveryRecord record =
        new DeliveryRecord(
            event.source(),
            delivery,
            event.kind(),
            DeliveryRecord.CREATED,
            "created for issues.opened",
            id,
            now);
    return requireStore().recordDelivery(record, agent, first);
  }

  private Agent agent(AgentId id, String delivery, Instant now) {
    return new Agent(
        id,
        event.source(),
        event.name(),
        event.action(),
        delivery,
        String.valueOf(event.repo()),
        String.valueOf(event.subject()),
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

  private AgentStore requireStore() {
    if (store == null) {
      throw new IllegalStateException("the database is not open");
    }
    return store;
  }
}
