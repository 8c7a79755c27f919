package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens SQLite connections, each set up the same way: in a pool, or one for the writer. */
final class ConnectionPool {
  /** How long a statement waits for another process's write lock before it fails. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private ConnectionPool() {}

  /** A pool of {@code size} connections whose commits sync fully. */
  static HikariDataSource open(Path file, int size) {
    return open(file, size, Synchronous.FULL);
  }

  static HikariDataSource open(Path file, int size, Synchronous synchronous) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("sqlite-" + file.getFileName());
    pool.setDataSource(dataSource(file, config(synchronous)));
    pool.setMaximumPoolSize(size);
    pool.setAutoCommit(true);
    return new HikariDataSource(pool);
  }

  /** Connections for the {@link GroupCommitWriter}: as the pool's, made cheaper to write with. */
  static SQLiteDataSource writerSource(Path file, Synchronous synchronous) {
    SQLiteConfig sqlite = config(synchronous);
    // Every write unit runs in a savepoint, which keeps a journal of the pages it changes; in
    // memory that costs about a third less than in temporary files.
    sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // Otherwise sqlite-jdbc queries for the new row id after every INSERT; the store never reads
    // it.
    sqlite.setGetGeneratedKeys(false);
    return dataSource(file, sqlite);
  }

  /**
   * A connection for the writer, whose automatic checkpoints are left to the {@link Checkpointer}
   * unless the log grows past {@value Checkpointer#WRITER_FALLBACK_PAGES} pages.
   */
  static Connection writerConnection(SQLiteDataSource source) throws SQLException {
    Connection connection = source.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_FALLBACK_PAGES);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static SQLiteConfig config(Synchronous synchronous) {
    SQLiteConfig sqlite = new SQLiteConfig();
    // WAL lets readers go on while one writer commits.
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL syncs the log on every commit, so a committed row survives a power loss; NORMAL only
    // at checkpoints, so a power loss may take the last commits (a process crash never does).
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.name()));
    sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);
    return sqlite;
  }

  private static SQLiteDataSource dataSource(Path file, SQLiteConfig sqlite) {
    SqliteNativeLibrary.prepare();
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl("jdbc:sqlite:" + file);
    return source;
  }
}
