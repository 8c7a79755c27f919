package io.webhookagents.adapters.sqlite;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database lives and how many connections may use it at once.
 *
 * @param path the SQLite file; missing parent directories are created when it is opened
 * @param poolSize connections in the pool, at least 1; writes use one at a time, reads the rest
 */
public record SqliteSettings(Path path, int poolSize) {
  public static final int DEFAULT_POOL_SIZE = 8;

  public SqliteSettings {
    Objects.requireNonNull(path, "path");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
  }

  /** Settings for the file at {@code path} with {@value #DEFAULT_POOL_SIZE} connections. */
  public static SqliteSettings at(Path path) {
    return new SqliteSettings(path, DEFAULT_POOL_SIZE);
  }
}
