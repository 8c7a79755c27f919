package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pendingOn;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.AgentStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Prints how many deliveries a second {@code recordDelivery} commits with 1, 16 and 64 callers. Not
 * a test: run it by hand with the test classpath, as {@code GroupCommitThroughput [FULL|NORMAL]
 * [seconds per run]}.
 *
 * <p>Records a second depend on what else the machine runs; the CPU time each record costs the
 * whole process, and the writer thread alone, much less so. The writer's share bounds the rate
 * however many cores there are: one core can run at most one second of it per second.
 */
final class GroupCommitThroughput {
  private static final int[] CALLERS = {1, 16, 64};

  private GroupCommitThroughput() {}

  public static void main(String[] args) throws Exception {
    Synchronous synchronous = Synchronous.parse(args.length > 0 ? args[0] : "FULL");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;

    System.out.printf("synchronous=%s, %.0f s per run%n", synchronous, seconds);
    for (int callers : CALLERS) {
      run(callers, synchronous, (long) (seconds * 1e9));
    }
  }

  private static void run(int callers, Synchronous synchronous, long nanos) throws Exception {
    Path directory = Files.createTempDirectory("group-commit");
    Path file = directory.resolve("agents.db");
    HikariDataSource pool = ConnectionPool.open(file, 4, synchronous);
    Migrations.migrate(pool, file);
    GroupCommitWriter writer =
        GroupCommitWriter.start(
            ConnectionPool.writerSource(file, synchronous)::getConnection, file.toString());
    AgentStore store = new SqliteAgentStore(new Transactions(pool, writer), file.toString());

    try {
      // A short run first, so the JIT has compiled the writer before the figures are taken.
      record(store, callers, 1_000_000, nanos / 5);
      long commitsBefore = writer.commits();
      long processBefore = processCpuNanos();
      long writerBefore = writerCpuNanos();
      long start = System.nanoTime();
      int recorded = record(store, callers, 2_000_000, nanos);
      double elapsed = (System.nanoTime() - start) / 1e9;
      long commits = writer.commits() - commitsBefore;
      double processMicros = (processCpuNanos() - processBefore) / 1e3 / recorded;
      double writerMicros = (writerCpuNanos() - writerBefore) / 1e3 / recorded;

      System.out.printf(
          "%2d callers: %6.0f records/s, %5.2f ms per call, %5.1f records per commit,"
              + " CPU per record %5.1f us (writer thread %4.1f us)%n",
          callers,
          recorded / elapsed,
          elapsed * 1000 * callers / recorded,
          (double) recorded / commits,
          processMicros,
          writerMicros);
    } finally {
      writer.close();
      pool.close();
      deleteAll(directory);
    }
  }

  /** Records deliveries from {@code callers} threads for {@code nanos}; returns how many. */
  private static int record(AgentStore store, int callers, int firstNumber, long nanos)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger numbers = new AtomicInteger(firstNumber);
    long end = System.nanoTime() + nanos;
    List<Future<Integer>> counts = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      counts.add(
          threads.submit(
              () -> {
                start.await();
                int n = 0;
                while (System.nanoTime() < end) {
                  Agent agent = agent(numbers.getAndIncrement());
                  store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));
                  n++;
                }
                return n;
              }));
    }

    start.countDown();
    int total = 0;
    for (Future<Integer> count : counts) {
      total += count.get();
    }
    threads.shutdown();
    return total;
  }

  /**
   * An agent as intake creates them: ids in the order agents are created, delivery ids random (as
   * GitHub's are), and a thousand subjects that webhooks keep coming back to.
   */
  private static Agent agent(int number) {
    Agent agent =
        pendingOn(number, Source.GITHUB, "octo-org/demo", "octo-org/demo#" + number % 1000);
    return new Agent(
        agent.id(),
        agent.source(),
        agent.webhookEvent(),
        agent.action(),
        UUID.randomUUID().toString(),
        agent.repo(),
        agent.subject(),
        agent.url(),
        agent.prompt(),
        agent.status(),
        null,
        null,
        0,
        null,
        agent.createdAt(),
        agent.updatedAt());
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the writer thread, found by its name. */
  private static long writerCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("sqlite-writer")) {
        return threads.getThreadCpuTime(thread.getId());
      }
    }
    throw new IllegalStateException("no writer thread");
  }

  private static void deleteAll(Path directory) throws Exception {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
