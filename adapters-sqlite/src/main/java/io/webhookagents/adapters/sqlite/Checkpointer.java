package io.webhookagents.adapters.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from the write-ahead log into the database file on a thread of its own.
 *
 * <p>Left to SQLite, the connection whose commit takes the log past a thousand pages copies them
 * there and then, syncing the database file, and that is the writer's: every caller waiting on that
 * commit waits for the copy too, a few milliseconds several times a second under load. This thread
 * runs passive checkpoints instead, which never take the write lock, so the writer goes on
 * committing meanwhile. The writer's own automatic checkpoint stays on, at {@value
 * #WRITER_FALLBACK_PAGES} pages, in case this thread falls far behind or has stopped.
 *
 * <p>Thread-safe; the connection belongs to the checkpointing thread.
 */
final class Checkpointer implements AutoCloseable {
  /** The log length, in pages, at which the writer checkpoints by itself after all. */
  static final int WRITER_FALLBACK_PAGES = 10_000;

  /** How often the log is checked for new commits to copy. */
  static final long INTERVAL_MILLIS = 200;

  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final GroupCommitWriter.Opener opener;
  private final String database;
  private final LongSupplier commits;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread checkpointer = new Thread(runnable, "sqlite-checkpointer");
            checkpointer.setDaemon(true);
            return checkpointer;
          });

  // Owned by the checkpointing thread.
  private @Nullable Connection connection;
  private long checkpointedAt = -1;
  private boolean failing;

  private Checkpointer(GroupCommitWriter.Opener opener, String database, LongSupplier commits) {
    this.opener = opener;
    this.database = database;
    this.commits = commits;
  }

  /**
   * Starts checkpointing on connections from {@code opener} whenever {@code commits}, the writer's
   * count of transactions, has moved on.
   */
  static Checkpointer start(
      GroupCommitWriter.Opener opener, String database, LongSupplier commits) {
    return start(opener, database, commits, INTERVAL_MILLIS);
  }

  /** As {@link #start(GroupCommitWriter.Opener, String, LongSupplier)}, every {@code millis}. */
  static Checkpointer start(
      GroupCommitWriter.Opener opener, String database, LongSupplier commits, long millis) {
    Checkpointer checkpointer = new Checkpointer(opener, database, commits);
    checkpointer.thread.scheduleWithFixedDelay(
        checkpointer::checkpointIfCommitted, millis, millis, TimeUnit.MILLISECONDS);
    return checkpointer;
  }

  /** Runs one passive checkpoint now, on the checkpointing thread, and waits for it; for tests. */
  void checkpointNow() throws Exception {
    thread.submit(this::checkpoint).get(10, TimeUnit.SECONDS);
  }

  /** Stops the thread, waiting for a checkpoint under way, and closes its connection. */
  @Override
  public void close() {
    thread.shutdown();
    boolean stopped = false;
    try {
      stopped = thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!stopped) {
      // The connection is still the checkpointing thread's; it goes when the process does.
      log.warn("database {}: the checkpointer did not stop within 10 s", database);
      return;
    }
    closeConnection();
  }

  private void checkpointIfCommitted() {
    long committed = commits.getAsLong();
    if (committed != checkpointedAt) {
      checkpointedAt = committed;
      checkpoint();
    }
  }

  private void checkpoint() {
    try (Statement statement = connection().createStatement();
        ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      result.next();
      if (failing) {
        log.info("database {}: checkpoints work again", database);
        failing = false;
      }
    } catch (SQLException | RuntimeException e) {
      // The writer's own checkpoint still bounds the log; say so once, not every interval.
      if (!failing) {
        log.warn("database {}: checkpoint failed; the writer will checkpoint itself", database, e);
        failing = true;
      }
      closeConnection();
    }
  }

  private Connection connection() throws SQLException {
    Connection open = connection;
    if (open == null) {
      open = opener.open();
      connection = open;
    }
    return open;
  }

  private void closeConnection() {
    Connection open = connection;
    connection = null;
    if (open == null) {
      return;
    }
    try {
      open.close();
    } catch (SQLException e) {
      log.debug("database {}: could not close the checkpoint connection", database, e);
    }
  }
}
