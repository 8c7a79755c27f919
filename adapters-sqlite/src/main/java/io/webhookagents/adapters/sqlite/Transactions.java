package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.ports.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work on pooled connections: reads on any connection, writes one at a time.
 *
 * <p>SQLite allows one writer per file. Rather than let concurrent writers race for the file lock
 * and fail with "database is locked", writers in this process queue on a fair lock and each runs in
 * a {@code BEGIN IMMEDIATE} transaction, which takes the file's write lock before the first read,
 * so a transaction that reads and then writes never has to upgrade its lock. Another process
 * writing the same file is waited for up to the busy timeout. Reads run without the lock on other
 * connections; in WAL mode they see the last committed state and never block the writer.
 *
 * <p>Thread-safe. A writer takes the lock before its connection and readers never take the lock, so
 * no thread holds a connection while it waits for the lock: the pool cannot deadlock, even with a
 * single connection.
 */
final class Transactions {
  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
  private static final long LOCK_WAIT_MILLIS = 30_000;

  private final HikariDataSource pool;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  Transactions(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Work done with one connection; {@code what} names it in error messages. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a connection of its own, outside any transaction. */
  <T> T read(String what, Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("could not " + what, e);
    }
  }

  /** Runs {@code work} in a write transaction and commits it before returning. */
  <T> T write(String what, Work<T> work) {
    lockForWriting(what);
    try (Connection connection = pool.getConnection()) {
      return inTransaction(connection, what, work);
    } catch (SQLException e) {
      throw new StoreException("could not " + what, e);
    } finally {
      writeLock.unlock();
    }
  }

  private void lockForWriting(String what) {
    try {
      if (!writeLock.tryLock(LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new StoreException(
            "could not " + what,
            new TimeoutException("waited " + LOCK_WAIT_MILLIS + " ms for other writes"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("could not " + what + ": interrupted", e);
    }
  }

  private <T> T inTransaction(Connection connection, String what, Work<T> work)
      throws SQLException {
    execute(connection, "BEGIN IMMEDIATE");

    boolean committed = false;
    try {
      T result = work.run(connection);
      execute(connection, "COMMIT");
      committed = true;
      return result;
    } finally {
      if (!committed) {
        rollback(connection, what);
      }
    }
  }

  private void rollback(Connection connection, String what) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite ends some failed transactions itself; then there is nothing to roll back. In any
      // other case the connection's state is unknown and it must not serve another caller.
      log.warn("rollback failed, closing the connection: {}", what, e);
      pool.evictConnection(connection);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
