package io.webhookagents.adapters.sqlite;

import io.webhookagents.ports.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the database, committing many callers' writes in each transaction.
 *
 * <p>SQLite has one writer per file, and with {@code synchronous=FULL} it syncs its log once per
 * commit; that sync, not the writing, bounds how many transactions commit in a second. So callers
 * do not commit on their own: each queues its write as a {@link WriteUnit} and waits, and this
 * thread takes every unit queued, up to {@value #MAX_BATCH}, and commits them in one {@link
 * GroupTransaction}. Nothing waits for a batch to fill: a lone write commits at once, and the
 * writes that arrive while a commit syncs make up the next batch, so batches grow with the load. A
 * caller returns only once the transaction holding its write has committed.
 *
 * <p>A write that does not wait for its commit ({@link #writeAsync}) and finds the writer idle is
 * committed on the caller's own thread instead. At a low rate each write would otherwise cost two
 * thread wake-ups, the writer's and then the caller's to hear back, and on a virtual machine each
 * is a tenth of a millisecond or more, as long as the commit's own work. "Idle" means nothing
 * queued and no commit for {@value #IDLE_MICROS} µs: under load the writer is never idle that long,
 * so writes keep being batched and callers' threads never wait for a commit. Nor do they wait for
 * another process holding the file's write lock: then the write is left to the writer thread, which
 * waits for the lock as it always does.
 *
 * <p>A caller waits at most a bound ({@value #WAIT_MILLIS} ms in production) and then fails with a
 * {@link StoreException} naming its write, which says whether the write may still be committed.
 * {@link #close} lets the writer finish what was queued before it and stops the thread; writes
 * queued after it fail.
 *
 * <p>Thread-safe. The write connection is used by whoever holds the commit lock, usually the writer
 * thread: opened when first needed, replaced when a failure leaves it in an unknown state, closed
 * when the thread stops.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** The most units one transaction commits. */
  static final int MAX_BATCH = 256;

  /** How long a caller waits for its write to commit. */
  static final long WAIT_MILLIS = 30_000;

  /** How long the writer must have had nothing to commit before a caller commits on its own. */
  static final long IDLE_MICROS = 500;

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final long STOP_WAIT_MILLIS = 60_000;

  private final Opener opener;
  private final String database;
  private final GroupTransaction.FileCheck fileCheck;
  private final CommitFailures commitFailures = new CommitFailures();
  private final RefusedWrites refusedWrites = new RefusedWrites();
  private final long waitMillis;
  private final BlockingQueue<WriteUnit<?>> queue = new LinkedBlockingQueue<>();
  private final WriteUnit<?> stop = new WriteUnit<>("stop the writer", connection -> null);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  // Held while a transaction runs, by the writer thread or by a caller committing on its own.
  private final ReentrantLock committing = new ReentrantLock();
  private volatile long lastCommitNanos = System.nanoTime();

  // Used only while holding the commit lock.
  private @Nullable WriteConnection connection;

  /** Opens a new connection to the database, set up as every connection is. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private GroupCommitWriter(
      Opener opener, String database, GroupTransaction.FileCheck fileCheck, long waitMillis) {
    this.opener = opener;
    this.database = database;
    this.fileCheck = fileCheck;
    this.waitMillis = waitMillis;
    this.thread = new Thread(this::writeUntilStopped, "sqlite-writer");
    // Queued writes have not been promised to anyone, so they need not keep the JVM alive.
    thread.setDaemon(true);
  }

  /**
   * Starts the writer on connections from {@code opener}; {@code database} names the file, and
   * {@code fileCheck} runs before every commit.
   */
  static GroupCommitWriter start(
      Opener opener, String database, GroupTransaction.FileCheck fileCheck) {
    return start(opener, database, fileCheck, WAIT_MILLIS);
  }

  /** As {@link #start(Opener, String)}, with no check of the file. */
  static GroupCommitWriter start(Opener opener, String database) {
    return start(opener, database, GroupTransaction.FileCheck.NONE, WAIT_MILLIS);
  }

  /** As {@link #start(Opener, String)}, with callers waiting at most {@code waitMillis}. */
  static GroupCommitWriter start(Opener opener, String database, long waitMillis) {
    return start(opener, database, GroupTransaction.FileCheck.NONE, waitMillis);
  }

  private static GroupCommitWriter start(
      Opener opener, String database, GroupTransaction.FileCheck fileCheck, long waitMillis) {
    GroupCommitWriter writer = new GroupCommitWriter(opener, database, fileCheck, waitMillis);
    writer.thread.start();
    return writer;
  }

  /**
   * Runs {@code work} in a write transaction and returns its result once that has committed.
   *
   * @param what completes "could not ..." in error messages; names the agent or delivery
   * @throws StoreException when the work fails with an {@link SQLException}, the commit fails, the
   *     writer is closed, or the write waited longer than the bound
   */
  <T> T write(String what, Transactions.Work<T> work) {
    checkNotWriterThread(what);
    return queued(what, work).await(waitMillis);
  }

  /**
   * As {@link #write}, without waiting: the future completes once the transaction holding the work
   * has committed, and fails as {@link #write} would throw. It completes on the writer thread, or,
   * when the writer was idle, on this thread before this method returns.
   */
  <T> CompletableFuture<T> writeAsync(String what, Transactions.Work<T> work) {
    WriteUnit<T> committed = committedHereIfIdle(what, work);
    if (committed != null) {
      return committed.later(waitMillis);
    }

    try {
      return queued(what, work).later(waitMillis);
    } catch (StoreException closed) {
      return CompletableFuture.failedFuture(closed);
    }
  }

  /**
   * The unit run and committed on this thread, or null when the writer is not idle or another
   * process holds the write lock.
   */
  private <T> @Nullable WriteUnit<T> committedHereIfIdle(String what, Transactions.Work<T> work) {
    boolean idle = queue.isEmpty() && System.nanoTime() - lastCommitNanos >= IDLE_MICROS * 1_000;
    if (!idle || !committing.tryLock()) {
      return null;
    }

    try {
      // Checked under the lock: once closing is set, the writer may close the connection.
      if (closing.get() || !queue.isEmpty()) {
        return null;
      }
      WriteUnit<T> unit = new WriteUnit<>(what, work);
      unit.take();
      return commitUnlessLocked(unit) ? unit : null;
    } finally {
      committing.unlock();
    }
  }

  /**
   * Commits the unit as {@link #commitAll} does; false, with nothing run, when the file is locked.
   */
  private boolean commitUnlessLocked(WriteUnit<?> unit) {
    List<WriteUnit<?>> again;
    try {
      GroupTransaction transaction = transaction();
      again = transaction.runUnlessLocked(List.of(unit));
      if (!transaction.connectionIntact()) {
        closeConnection();
      }
    } catch (SQLException e) {
      // Nothing ran. The connection may be left inside a transaction, so it goes; the writer opens
      // another, tries again, and says what is wrong if it still is.
      closeConnection();
      return false;
    } catch (RuntimeException | Error e) {
      log.error("database {}: writer failed, failing {}", database, unit.what(), e);
      unit.failed(e);
      closeConnection();
      return true;
    } finally {
      lastCommitNanos = System.nanoTime();
    }

    if (again == null) {
      log.debug(
          "database {}: locked by another process, {} left to the writer", database, unit.what());
      return false;
    }
    commitAll(again);
    return true;
  }

  private void checkNotWriterThread(String what) {
    // A caller committing on its own holds the lock the writer needs to commit this write.
    if (Thread.currentThread() == thread || committing.isHeldByCurrentThread()) {
      throw new IllegalStateException("a write unit cannot wait for another write: " + what);
    }
  }

  private <T> WriteUnit<T> queued(String what, Transactions.Work<T> work) {
    if (closing.get()) {
      throw closed(what);
    }

    WriteUnit<T> unit = new WriteUnit<>(what, work);
    queue.add(unit);
    // Queued behind the stop mark, the unit would wait out its bound; taking it back fails it now.
    if (closing.get() && unit.take()) {
      throw closed(what);
    }
    return unit;
  }

  /**
   * Why the file refused a write in the last few seconds, if it did: a full disk can refuse new
   * rows while it still takes a rewrite of an old one.
   */
  Optional<String> recentRefusal() {
    return refusedWrites.recent();
  }

  /** How many transactions have committed since the writer started. */
  long commits() {
    return commits.get();
  }

  /** How many units wait for the writer; for tests. */
  int queued() {
    return queue.size();
  }

  /**
   * Finishes the writes queued so far, then stops the writer thread and closes its connection.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closing.getAndSet(true)) {
      return;
    }
    queue.add(stop);

    try {
      thread.join(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.error(
          "database {}: the writer did not stop within {} ms, {} writes still queued",
          database,
          STOP_WAIT_MILLIS,
          queue.size());
    }
  }

  private void writeUntilStopped() {
    log.info("database {}: writer started", database);
    List<WriteUnit<?>> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    while (!stopping) {
      batch.add(next());
      committing.lock();
      try {
        queue.drainTo(batch, MAX_BATCH - 1);
        stopping = batch.remove(stop);
        commitAll(takenBy(batch));
      } finally {
        committing.unlock();
      }
      batch.clear();
    }

    failLateWrites();
    closeConnection();
    log.info("database {}: writer stopped after {} commits", database, commits.get());
  }

  /** The next unit, waiting for one; the stop mark when the thread is interrupted. */
  private WriteUnit<?> next() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      log.warn("database {}: writer interrupted, stopping", database);
      closing.set(true);
      return stop;
    }
  }

  /** Fails the writes queued behind the stop mark whose callers have not taken them back yet. */
  private void failLateWrites() {
    for (WriteUnit<?> late = queue.poll(); late != null; late = queue.poll()) {
      if (late.take()) {
        late.failed(closed(late.what()));
      }
    }
  }

  /** The units of {@code batch} that their callers have not given up on, now the writer's. */
  private static List<WriteUnit<?>> takenBy(List<WriteUnit<?>> batch) {
    List<WriteUnit<?>> taken = new ArrayList<>(batch.size());
    for (WriteUnit<?> unit : batch) {
      if (unit.take()) {
        taken.add(unit);
      }
    }
    return taken;
  }

  /** Commits {@code units}, completing each; runs with the commit lock held. */
  private void commitAll(List<WriteUnit<?>> units) {
    List<WriteUnit<?>> toRun = units;
    try {
      while (!toRun.isEmpty()) {
        toRun = commitOnce(toRun);
      }
    } catch (SQLException e) {
      log.warn("database {}: could not open the write connection", database, e);
      toRun.forEach(unit -> unit.failed(e));
    } catch (RuntimeException | Error e) {
      // A fault of the writer itself: no caller may be left waiting, and the connection's state
      // is unknown. Units that already committed keep their results.
      log.error("database {}: writer failed, failing {} writes", database, toRun.size(), e);
      toRun.forEach(unit -> unit.failed(e));
      closeConnection();
    } finally {
      lastCommitNanos = System.nanoTime();
    }
  }

  /** Runs the units in one transaction; returns those to run again (see GroupTransaction). */
  private List<WriteUnit<?>> commitOnce(List<WriteUnit<?>> units) throws SQLException {
    GroupTransaction transaction = transaction();
    List<WriteUnit<?>> again = transaction.run(units);

    if (!transaction.connectionIntact()) {
      closeConnection();
    }
    return again;
  }

  /** A transaction on the write connection; its commits count in {@link #commits()}. */
  private GroupTransaction transaction() throws SQLException {
    return new GroupTransaction(
        connection(), database, fileCheck, commitFailures, refusedWrites, commits::incrementAndGet);
  }

  private Connection connection() throws SQLException {
    WriteConnection open = connection;
    if (open == null) {
      open = new WriteConnection(opener.open());
      connection = open;
    }
    return open.connection();
  }

  private void closeConnection() {
    WriteConnection open = connection;
    connection = null;
    if (open == null) {
      return;
    }
    try {
      open.close();
    } catch (SQLException e) {
      log.warn("database {}: could not close the write connection", database, e);
    }
  }

  private StoreException closed(String what) {
    return new StoreException("could not " + what + ": database " + database + " is closed", null);
  }
}
