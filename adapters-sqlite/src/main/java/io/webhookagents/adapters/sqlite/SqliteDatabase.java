package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open SQLite database: its connection pool, a schema brought up to date, and the {@link
 * AgentStore} built on them.
 *
 * <p>{@link #open} creates the file and its parent directories when they are missing and applies
 * any migration the file has not seen, so opening an existing file keeps its data. {@link #close}
 * closes the pool; the store must not be used afterwards. Thread-safe.
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path path;
  private final HikariDataSource pool;
  private final AgentStore store;

  private SqliteDatabase(Path path, HikariDataSource pool) {
    this.path = path;
    this.pool = pool;
    this.store = new SqliteAgentStore(new Transactions(pool), path.toString());
  }

  /**
   * Opens the database described by {@code settings}.
   *
   * @throws StoreException when the directory or the file cannot be created, opened or migrated
   */
  public static SqliteDatabase open(SqliteSettings settings) {
    Path path = settings.path().toAbsolutePath();
    createParentDirectories(path);

    HikariDataSource pool;
    try {
      pool = ConnectionPool.open(path, settings.poolSize());
    } catch (RuntimeException e) {
      throw new StoreException("could not open database " + path, e);
    }

    try {
      Migrations.migrate(pool, path);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("could not migrate database " + path, e);
    }
    return new SqliteDatabase(path, pool);
  }

  /** The store on this database; the same instance on every call. */
  public AgentStore agentStore() {
    return store;
  }

  /** Closes every connection. Idempotent. */
  @Override
  public void close() {
    if (!pool.isClosed()) {
      log.info("database {}: closing", path);
      pool.close();
    }
  }

  private static void createParentDirectories(Path path) {
    Path parent = path.getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("could not create the directory of database " + path, e);
    }
  }
}
