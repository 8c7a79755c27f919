package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import io.webhookagents.ports.out.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The writer thread on a real file, with the writer held still to make writes queue up. */
class GroupCommitWriterTest {
  private static final long WAIT_SECONDS = 10;

  @TempDir Path directory;
  private SQLiteDataSource file;
  private GroupCommitWriter writer;
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @BeforeEach
  void start() {
    file = ConnectionPool.writerSource(directory.resolve("writer.db"), Synchronous.FULL);
    writer = startWriter(GroupCommitWriter.WAIT_MILLIS);
    writer.write(
        "create the tables",
        connection -> {
          execute(connection, "CREATE TABLE names (name TEXT NOT NULL PRIMARY KEY)");
          execute(connection, "CREATE TABLE parents (id TEXT NOT NULL PRIMARY KEY)");
          // Checked at COMMIT, so an orphan makes the commit itself fail.
          execute(
              connection,
              "CREATE TABLE children (parent TEXT REFERENCES parents (id)"
                  + " DEFERRABLE INITIALLY DEFERRED)");
          execute(connection, "CREATE TABLE refused (name TEXT)");
          execute(
              connection,
              "CREATE TRIGGER refuse BEFORE INSERT ON refused"
                  + " BEGIN SELECT RAISE(ROLLBACK, 'refused by trigger'); END");
          return null;
        });
  }

  @AfterEach
  void stop() {
    writer.close();
    callers.shutdownNow();
  }

  @Test
  void loneWrite_commitsAtOnce_andReturnsItsResult() throws Exception {
    long before = writer.commits();

    int inserted = writer.write("insert alice", connection -> insert(connection, "alice"));

    assertThat(inserted).isEqualTo(1);
    assertThat(writer.commits()).isEqualTo(before + 1);
    assertThat(storedNames()).containsExactly("alice");
  }

  @Test
  void failingWriteInABatch_failsAlone_andTheOthersCommitInTheSameTransaction() throws Exception {
    writer.write("insert taken", connection -> insert(connection, "taken"));
    long before = writer.commits();
    CountDownLatch release = holdTheWriter();

    Future<Integer> alice = queue("insert alice", connection -> insert(connection, "alice"), 1);
    Future<Integer> again =
        queue(
            "insert partial and taken again",
            connection -> insert(connection, "partial") + insert(connection, "taken"),
            2);
    Future<Integer> bob = queue("insert bob", connection -> insert(connection, "bob"), 3);
    release.countDown();

    assertThat(alice.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(bob.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(failureOf(again))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert partial and taken again")
        .rootCause()
        .hasMessageContaining("UNIQUE constraint failed: names.name");
    assertThat(storedNames()).containsExactly("alice", "bob", "taken");
    // One transaction for the write that held the writer, one for all three queued behind it.
    assertThat(writer.commits()).isEqualTo(before + 2);
  }

  @Test
  void transactionEndedBySqlite_failsTheWriteThatEndedIt_andRunsTheOthersAgain() throws Exception {
    CountDownLatch release = holdTheWriter();

    Future<Integer> alice = queue("insert alice", connection -> insert(connection, "alice"), 1);
    Future<Integer> refused = queue("insert refused", GroupCommitWriterTest::insertRefused, 2);
    Future<Integer> bob = queue("insert bob", connection -> insert(connection, "bob"), 3);
    release.countDown();

    assertThat(alice.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(bob.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(failureOf(refused))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert refused")
        .rootCause()
        .hasMessageContaining("refused by trigger");
    assertThat(storedNames()).containsExactly("alice", "bob");
    int carol = writer.write("insert carol", connection -> insert(connection, "carol"));
    assertThat(carol).isEqualTo(1);
  }

  @Test
  void failedCommit_failsEveryWriteOfTheBatch_andTheWriterGoesOn() throws Exception {
    CountDownLatch release = holdTheWriter();

    Future<Integer> alice = queue("insert alice", connection -> insert(connection, "alice"), 1);
    Future<Integer> orphan = queue("insert an orphan", GroupCommitWriterTest::insertOrphan, 2);
    release.countDown();

    assertThat(failureOf(alice))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert alice")
        .rootCause()
        .hasMessageContaining("FOREIGN KEY constraint failed");
    assertThat(failureOf(orphan))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert an orphan");
    assertThat(storedNames()).isEmpty();
    writer.write("insert bob", connection -> insert(connection, "bob"));
    assertThat(storedNames()).containsExactly("bob");
  }

  @Test
  void close_withWritesQueued_commitsThemAndReturns() throws Exception {
    int queued = 20;
    CountDownLatch release = holdTheWriter();
    List<Future<Integer>> writes = new ArrayList<>();
    for (int n = 1; n <= queued; n++) {
      String name = "name-" + n;
      writes.add(queue("insert " + name, connection -> insert(connection, name), n));
    }

    Future<?> closing = callers.submit(writer::close);
    release.countDown();

    closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
    for (Future<Integer> write : writes) {
      assertThat(write.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(storedNames()).hasSize(queued);
  }

  @Test
  void writeAfterClose_failsNamingTheWrite_andWritesNothing() throws Exception {
    writer.close();

    assertThatThrownBy(() -> writer.write("insert alice", c -> insert(c, "alice")))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("could not insert alice: database ")
        .hasMessageEndingWith(" is closed");
    assertThat(storedNames()).isEmpty();
  }

  @Test
  void callerWaitingPastTheBound_failsNamingItsWrite_andItIsNeverWritten() throws Exception {
    writer.close();
    writer = startWriter(200);
    // The hold is itself a write with the 200 ms bound: a writer thread not yet taking work
    // (just started, off the CPU) would let it be given up, and nothing would hold the writer.
    waitUntilTheWriterIsIdle();
    CountDownLatch release = holdTheWriter();

    assertThatThrownBy(() -> writer.write("insert late", connection -> insert(connection, "late")))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert late: waited 200 ms for the writer, it was not written");

    release.countDown();
    writeAliceAfterTheShortBound();
    assertThat(storedNames()).containsExactly("alice");
  }

  @Test
  void writeAsync_returnsAtOnce_andCompletesOnceItsTransactionHasCommitted() throws Exception {
    CountDownLatch release = holdTheWriter();

    AtomicReference<String> ranOn = new AtomicReference<>();
    CompletableFuture<Integer> write =
        writer.writeAsync(
            "insert alice",
            connection -> {
              ranOn.set(Thread.currentThread().getName());
              return insert(connection, "alice");
            });
    boolean doneWhileHeld = write.isDone();
    release.countDown();

    assertThat(doneWhileHeld).isFalse();
    assertThat(write.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(ranOn).hasValue("sqlite-writer");
    assertThat(storedNames()).containsExactly("alice");
  }

  @Test
  void writeAsync_withTheWriterIdle_commitsOnTheCallersThreadBeforeReturning() throws Exception {
    long before = writer.commits();
    waitUntilTheWriterIsIdle();

    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CompletableFuture<Integer> write =
        writer.writeAsync(
            "insert alice",
            connection -> {
              ranOn.set(Thread.currentThread());
              return insert(connection, "alice");
            });

    assertThat(write).isCompletedWithValue(1);
    assertThat(ranOn).hasValue(Thread.currentThread());
    assertThat(writer.commits()).isEqualTo(before + 1);
    assertThat(storedNames()).containsExactly("alice");
  }

  @Test
  void writeAsync_committedByItsCaller_thatFails_failsAlone_andTheWriterGoesOn() throws Exception {
    writer.write("insert taken", connection -> insert(connection, "taken"));
    waitUntilTheWriterIsIdle();

    CompletableFuture<Integer> write =
        writer.writeAsync("insert taken again", connection -> insert(connection, "taken"));

    assertThat(write).isCompletedExceptionally();
    assertThat(failureOf(write))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert taken again")
        .rootCause()
        .hasMessageContaining("UNIQUE constraint failed: names.name");
    writer.write("insert bob", connection -> insert(connection, "bob"));
    assertThat(storedNames()).containsExactly("bob", "taken");
  }

  @Test
  void writeAsync_whileAnotherConnectionHoldsTheWriteLock_isLeftToTheWriter_notWaitedFor()
      throws Exception {
    AtomicReference<String> ranOn = new AtomicReference<>();
    CompletableFuture<Integer> write;
    try (Connection other = file.getConnection()) {
      execute(other, "BEGIN EXCLUSIVE");
      waitUntilTheWriterIsIdle();

      write =
          writer.writeAsync(
              "insert alice",
              connection -> {
                ranOn.set(Thread.currentThread().getName());
                return insert(connection, "alice");
              });

      // Committing here would have waited out the busy timeout and failed.
      assertThat(write).isNotDone();
      execute(other, "ROLLBACK");
    }

    assertThat(write.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(ranOn).hasValue("sqlite-writer");
    assertThat(storedNames()).containsExactly("alice");
    waitUntilTheWriterIsIdle();
    CompletableFuture<Integer> next = writer.writeAsync("insert bob", c -> insert(c, "bob"));
    assertThat(next).isCompletedWithValue(1);
  }

  @Test
  void writeFromInsideAWriteCommittedByItsCaller_isRefusedRatherThanWaitingForever()
      throws Exception {
    waitUntilTheWriterIsIdle();

    CompletableFuture<Integer> outer =
        writer.writeAsync(
            "outer write",
            connection -> writer.write("inner write", inner -> insert(inner, "alice")));

    assertThat(failureOf(outer))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inner write");
    assertThat(storedNames()).isEmpty();
  }

  @Test
  void writeAsync_thatFails_failsItsFutureWithAStoreExceptionNamingIt() throws Exception {
    writer.write("insert taken", connection -> insert(connection, "taken"));

    CompletableFuture<Integer> write =
        writer.writeAsync("insert taken again", connection -> insert(connection, "taken"));

    assertThat(failureOf(write))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("could not insert taken again");
    assertThat(storedNames()).containsExactly("taken");
  }

  @Test
  void writeAsync_afterClose_failsAtOnce_andWritesNothing() throws Exception {
    writer.close();

    CompletableFuture<Integer> write = writer.writeAsync("insert alice", c -> insert(c, "alice"));

    assertThat(write).isCompletedExceptionally();
    assertThat(failureOf(write))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith("is closed");
    assertThat(storedNames()).isEmpty();
  }

  @Test
  void writeAsync_notCommittedWithinTheBound_failsAndIsNeverWritten() throws Exception {
    writer.close();
    writer = startWriter(200);
    // The hold is itself a write with the 200 ms bound: a writer thread not yet taking work
    // (just started, off the CPU) would let it be given up, and nothing would hold the writer.
    waitUntilTheWriterIsIdle();
    CountDownLatch release = holdTheWriter();

    CompletableFuture<Integer> write =
        writer.writeAsync("insert late", connection -> insert(connection, "late"));

    assertThat(failureOf(write))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not insert late: waited 200 ms for the writer, it was not written");
    release.countDown();
    writeAliceAfterTheShortBound();
    assertThat(storedNames()).containsExactly("alice");
  }

  @Test
  void writeFromInsideAWrite_isRefusedRatherThanWaitingForever() {
    assertThatThrownBy(
            () ->
                writer.write(
                    "outer write",
                    outer -> writer.write("inner write", inner -> insert(inner, "alice"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inner write");
  }

  @Test
  void writeThatCommitsItself_isRefused_soOtherWritesStayInTheTransaction() throws Exception {
    assertThatThrownBy(
            () ->
                writer.write(
                    "commit early",
                    connection -> {
                      insert(connection, "alice");
                      connection.commit();
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessage("could not commit early")
        .rootCause()
        .hasMessageContaining("the writer owns the transaction");
    assertThat(storedNames()).isEmpty();
  }

  /**
   * Closes the writer started with a short bound, which commits whatever it still has queued, and
   * writes "alice" through one with the usual bound: a late write discarded is then still absent,
   * and a slow sync on a busy machine cannot fail the write that proves the file still takes rows.
   */
  private void writeAliceAfterTheShortBound() {
    writer.close();
    writer = startWriter(GroupCommitWriter.WAIT_MILLIS);
    writer.write("insert alice", connection -> insert(connection, "alice"));
  }

  private GroupCommitWriter startWriter(long waitMillis) {
    return GroupCommitWriter.start(file::getConnection, "writer.db", waitMillis);
  }

  /**
   * Waits until the writer thread is back waiting for work, then out the time after a commit in
   * which the writer counts as busy. A caller's write returns as soon as its unit completes, while
   * the writer thread may still hold the commit lock and has yet to note when it committed; on a
   * busy machine that thread can be off the CPU for longer than the idle time.
   */
  private static void waitUntilTheWriterIsIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!writerThreadsWaitForWork()) {
      assertThat(System.nanoTime()).as("the writer waits for work by now").isLessThan(deadline);
      Thread.sleep(1);
    }
    TimeUnit.MICROSECONDS.sleep(GroupCommitWriter.IDLE_MICROS * 4);
  }

  /** Whether every writer thread is parked taking the next unit from its queue. */
  private static boolean writerThreadsWaitForWork() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(thread -> thread.getKey().getName().equals("sqlite-writer"))
        .allMatch(
            thread ->
                thread.getKey().getState() == Thread.State.WAITING
                    && Arrays.stream(thread.getValue())
                        .anyMatch(
                            frame ->
                                frame.getClassName().equals(GroupCommitWriter.class.getName())
                                    && frame.getMethodName().equals("next")));
  }

  /** Keeps the writer thread busy until the latch is released, so later writes queue up. */
  private CountDownLatch holdTheWriter() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    callers.submit(
        () ->
            writer.write(
                "hold the writer",
                connection -> {
                  holding.countDown();
                  return awaitUninterrupted(release);
                }));
    assertThat(holding.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  /** Submits a write from a thread of its own and waits until {@code position} writes queue. */
  private <T> Future<T> queue(String what, Transactions.Work<T> work, int position)
      throws InterruptedException {
    Future<T> result = callers.submit(() -> writer.write(what, work));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (writer.queued() < position) {
      assertThat(System.nanoTime()).as("queued by now: " + what).isLessThan(deadline);
      Thread.sleep(1);
    }
    return result;
  }

  private static Throwable failureOf(Future<?> write) throws Exception {
    try {
      write.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the write did not fail");
  }

  private static boolean awaitUninterrupted(CountDownLatch latch) {
    try {
      return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while holding the writer", e);
    }
  }

  private static int insert(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("INSERT INTO names (name) VALUES (?)")) {
      statement.setString(1, name);
      return statement.executeUpdate();
    }
  }

  private static int insertRefused(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("INSERT INTO refused (name) VALUES ('x')")) {
      return statement.executeUpdate();
    }
  }

  private static int insertOrphan(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("INSERT INTO children (parent) VALUES ('nobody')")) {
      return statement.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The names committed, read on a connection of the test's own. */
  private List<String> storedNames() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = file.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM names ORDER BY name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
