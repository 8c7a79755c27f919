package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.ports.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs units of work on the database: reads on pooled connections, writes through the writer.
 *
 * <p>SQLite allows one writer per file. Rather than let concurrent writers race for the file lock,
 * every write goes to the {@link GroupCommitWriter}, whose one thread runs it in a transaction with
 * the other writes queued at the time and returns once that transaction has committed. Reads run on
 * pooled connections of their own; in WAL mode they see the last committed state and never block
 * the writer.
 *
 * <p>Thread-safe.
 */
final class Transactions {
  private final HikariDataSource pool;
  private final GroupCommitWriter writer;

  Transactions(HikariDataSource pool, GroupCommitWriter writer) {
    this.pool = pool;
    this.writer = writer;
  }

  /**
   * Work done with one connection; {@code what} names it in error messages. Work given to {@link
   * #write} runs on the writer thread inside a transaction shared with other callers' work, so it
   * must use nothing but the connection, and must not commit, roll back or close it.
   */
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

  /**
   * Runs {@code work} in a write transaction and returns once that has committed. When the work
   * fails, nothing it wrote is kept; other callers' work in the same transaction is not affected.
   */
  <T> T write(String what, Work<T> work) {
    return writer.write(what, work);
  }

  /** As {@link #write}, without waiting: the future completes once the work has committed. */
  <T> CompletableFuture<T> writeAsync(String what, Work<T> work) {
    return writer.writeAsync(what, work);
  }

  /** Why the writer's file refused a write in the last few seconds, if it did. */
  Optional<String> recentRefusal() {
    return writer.recentRefusal();
  }
}
