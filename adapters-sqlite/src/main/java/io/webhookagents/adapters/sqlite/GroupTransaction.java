package io.webhookagents.adapters.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction of the writer: many callers' units, each in a savepoint of its own, committed
 * together with one sync of the log.
 *
 * <p>{@code BEGIN IMMEDIATE} takes the file's write lock before the first read, so a unit that
 * reads and then writes never has to upgrade its lock; another process writing the same file is
 * waited for up to the busy timeout. A unit that fails is rolled back to its savepoint and fails
 * alone; the units around it still commit. When SQLite ends the whole transaction itself (it does
 * on some I/O and out-of-memory errors, and for {@code RAISE(ROLLBACK)}), the units that had run
 * are undone with it and are handed back to run again in a new transaction. A failed {@code COMMIT}
 * fails every unit that ran.
 *
 * <p>Used once, by the writer thread only.
 */
final class GroupTransaction {
  private static final Logger log = LoggerFactory.getLogger(GroupTransaction.class);
  private static final int NAMES_IN_LOG = 5;
  private static final int SQLITE_BUSY = 5;

  private final Connection connection;
  private final String database;
  private final FileCheck fileCheck;
  private final CommitFailures commitFailures;
  private final RefusedWrites refusedWrites;
  private final Runnable onCommit;
  private final List<WriteUnit<?>> ran = new ArrayList<>();
  private boolean connectionIntact = true;

  /** Checks, before each commit, that the database is still the file it was opened as. */
  @FunctionalInterface
  interface FileCheck {
    FileCheck NONE = () -> {};

    void check() throws SQLException;
  }

  /**
   * {@code database} names the file in log lines; {@code fileCheck} runs before the commit, which
   * fails with what it throws; {@code commitFailures} logs a failed commit, and {@code
   * refusedWrites} hears of every write the file refused; {@code onCommit} runs once the commit is
   * durable and before any caller is released, so that what it records is seen by them.
   */
  GroupTransaction(
      Connection connection,
      String database,
      FileCheck fileCheck,
      CommitFailures commitFailures,
      RefusedWrites refusedWrites,
      Runnable onCommit) {
    this.connection = connection;
    this.database = database;
    this.fileCheck = fileCheck;
    this.commitFailures = commitFailures;
    this.refusedWrites = refusedWrites;
    this.onCommit = onCommit;
  }

  /**
   * Runs {@code units} in this transaction and commits them, completing each unit.
   *
   * @return the units to run again in a new transaction: none, unless SQLite ended this one early
   */
  List<WriteUnit<?>> run(List<WriteUnit<?>> units) {
    try {
      execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      log.warn("database {}: could not begin a transaction for {}", database, names(units), e);
      refusedWrites.writeFailed(e);
      units.forEach(unit -> unit.failed(e));
      rollback();
      return List.of();
    }
    return runBegun(units);
  }

  /**
   * Begins the transaction only if no other process holds the file's write lock, without waiting
   * for it; then runs and commits {@code units} as {@link #run} does. A caller committing on a
   * thread that must not wait uses it.
   *
   * @return the units to run again, as {@link #run} does; null when another process held the lock,
   *     in which case nothing was begun and no unit ran
   * @throws SQLException when the transaction could not be begun for another reason, or the busy
   *     timeout not set back; no unit ran, and the connection may be inside a transaction
   */
  @Nullable List<WriteUnit<?>> runUnlessLocked(List<WriteUnit<?>> units) throws SQLException {
    execute("PRAGMA busy_timeout = 0");
    try {
      execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      if (isBusy(e)) {
        return null;
      }
      throw e;
    } finally {
      execute("PRAGMA busy_timeout = " + ConnectionPool.BUSY_TIMEOUT_MILLIS);
    }
    return runBegun(units);
  }

  private List<WriteUnit<?>> runBegun(List<WriteUnit<?>> units) {
    for (int i = 0; i < units.size(); i++) {
      if (!runInSavepoint(units.get(i))) {
        List<WriteUnit<?>> again = new ArrayList<>(ran);
        again.addAll(units.subList(i + 1, units.size()));
        log.warn(
            "database {}: transaction ended by SQLite, running {} again", database, names(again));
        rollback();
        return again;
      }
    }

    commit();
    return List.of();
  }

  /** False when a failure left the connection in a state not known, so it must not be reused. */
  boolean connectionIntact() {
    return connectionIntact;
  }

  /** Runs the unit, or fails it; false when the whole transaction went with it. */
  private boolean runInSavepoint(WriteUnit<?> unit) {
    try {
      execute("SAVEPOINT unit");
      unit.run(connection);
      execute("RELEASE unit");
      ran.add(unit);
      return true;
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SQLException refused) {
        refusedWrites.writeFailed(refused);
      }
      unit.failed(e);
      return rollbackToSavepoint();
    }
  }

  private boolean rollbackToSavepoint() {
    try {
      execute("ROLLBACK TO unit");
      execute("RELEASE unit");
      return true;
    } catch (SQLException e) {
      // No savepoint to go back to: SQLite has rolled the transaction back.
      return false;
    }
  }

  private void commit() {
    try {
      fileCheck.check();
      execute("COMMIT");
    } catch (SQLException e) {
      commitFailures.logged(database, names(ran), e);
      refusedWrites.commitFailed(e);
      ran.forEach(unit -> unit.failed(e));
      rollback();
      return;
    }

    onCommit.run();
    ran.forEach(WriteUnit::committed);
    if (log.isDebugEnabled()) {
      log.debug("database {}: committed {} in one transaction", database, names(ran));
    }
  }

  private void rollback() {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite ends some failed transactions itself; then there is nothing to roll back. In any
      // other case the connection's state is unknown, and the writer replaces it either way.
      log.debug("database {}: rollback failed, the write connection is replaced", database, e);
      connectionIntact = false;
    }
  }

  private static boolean isBusy(SQLException e) {
    // The primary result code, without the extended code's high bits.
    return (e.getErrorCode() & 0xFF) == SQLITE_BUSY;
  }

  private void execute(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  /** The first few units' names, for a log line: "record GITHUB delivery d-1, ... (12 writes)". */
  private static String names(List<WriteUnit<?>> units) {
    String first =
        units.stream().limit(NAMES_IN_LOG).map(WriteUnit::what).collect(Collectors.joining(", "));
    String more = units.size() > NAMES_IN_LOG ? ", ..." : "";
    return first + more + " (" + units.size() + (units.size() == 1 ? " write)" : " writes)");
  }
}
