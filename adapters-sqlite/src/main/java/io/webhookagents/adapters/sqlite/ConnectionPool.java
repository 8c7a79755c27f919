package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the pool of SQLite connections, each set up the same way when it is opened. */
final class ConnectionPool {
  /** How long a statement waits for another process's write lock before it fails. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private ConnectionPool() {}

  static HikariDataSource open(Path file, int size) {
    SQLiteConfig sqlite = new SQLiteConfig();
    // WAL lets readers go on while one writer commits.
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL syncs the log on every commit, so a committed row survives a power loss.
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    sqlite.enforceForeignKeys(true);

    SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
    sqliteSource.setUrl("jdbc:sqlite:" + file);

    HikariConfig pool = new HikariConfig();
    pool.setPoolName("sqlite-" + file.getFileName());
    pool.setDataSource(sqliteSource);
    pool.setMaximumPoolSize(size);
    pool.setAutoCommit(true);
    return new HikariDataSource(pool);
  }
}
