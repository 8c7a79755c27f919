package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * An open SQLite database: its connection pool, a schema brought up to date, and the {@link
 * AgentStore} built on them.
 *
 * <p>{@link #open} creates the file and its parent directories when they are missing and applies
 * any migration the file has not seen, so opening an existing file keeps its data, and starts the
 * thread that commits writes. {@link #close} lets that thread finish the writes already queued,
 * then closes every connection; the store fails every call afterwards. Thread-safe.
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path path;
  private final DatabaseLock lock;
  private final HikariDataSource pool;
  private final GroupCommitWriter writer;
  private final Checkpointer checkpointer;
  private final AgentStore store;

  private SqliteDatabase(
      Path path,
      DatabaseLock lock,
      HikariDataSource pool,
      GroupCommitWriter writer,
      Checkpointer checkpointer) {
    this.path = path;
    this.lock = lock;
    this.pool = pool;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.store = new SqliteAgentStore(new Transactions(pool, writer), path.toString());
  }

  /** The database file, absolute, as every log line and error names it. */
  public Path path() {
    return path;
  }

  /**
   * {@code path} made absolute, without its "." steps, so that log lines and errors name the file
   * as an operator would write it: DB_PATH's default {@code ./data/agents.db} would otherwise read
   * {@code /srv/./data/agents.db}. ".." steps stay: past a symbolic link one does not lead back.
   */
  static Path absolute(Path path) {
    Path absolute = path.toAbsolutePath();
    Path clean = absolute.getRoot();
    for (Path step : absolute) {
      if (!step.toString().equals(".")) {
        clean = clean.resolve(step);
      }
    }
    return clean;
  }

  /**
   * Opens the database described by {@code settings}.
   *
   * @throws StoreException when the directory or the file cannot be created, opened or migrated, or
   *     another process has the file open
   */
  public static SqliteDatabase open(SqliteSettings settings) {
    Path path = absolute(settings.path());
    createParentDirectories(path);
    DatabaseLock lock = DatabaseLock.take(path);
    try {
      return openLocked(path, lock, settings);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static SqliteDatabase openLocked(Path path, DatabaseLock lock, SqliteSettings settings) {
    SchemaTemplate.createIfMissing(path, SchemaTemplate.onClassPath());

    HikariDataSource pool;
    try {
      pool = ConnectionPool.open(path, settings.poolSize(), settings.synchronous());
    } catch (RuntimeException e) {
      throw new StoreException("could not open database " + path, e);
    }

    try {
      Migrations.migrate(pool, path);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("could not migrate database " + path, e);
    }

    SQLiteDataSource writes = ConnectionPool.writerSource(path, settings.synchronous());
    DatabaseFile file;
    try {
      file = DatabaseFile.opened(path);
    } catch (IOException e) {
      pool.close();
      throw new StoreException("could not open database " + path, e);
    }
    GroupCommitWriter writer =
        GroupCommitWriter.start(
            () -> ConnectionPool.writerConnection(writes), path.toString(), file::checkStillThere);
    Checkpointer checkpointer =
        Checkpointer.start(writes::getConnection, path.toString(), writer::commits);
    log.info("database {}: open, commits synchronous={}", path, settings.synchronous());
    return new SqliteDatabase(path, lock, pool, writer, checkpointer);
  }

  /** The store on this database; the same instance on every call. */
  public AgentStore agentStore() {
    return store;
  }

  /**
   * Commits the writes already queued, then closes every connection and lets another process open
   * the file. Idempotent.
   */
  @Override
  public void close() {
    if (!pool.isClosed()) {
      log.info("database {}: closing", path);
    }
    writer.close();
    checkpointer.close();
    pool.close();
    lock.close();
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
