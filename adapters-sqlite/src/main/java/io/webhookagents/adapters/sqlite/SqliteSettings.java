package io.webhookagents.adapters.sqlite;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the database lives, how many connections may read it at once, and how a commit is made
 * durable.
 *
 * @param path the SQLite file; missing parent directories are created when it is opened
 * @param poolSize connections for reads, at least 1; writes use one more connection of their own
 * @param synchronous how a commit reaches the disk; {@link Synchronous#FULL} unless chosen
 *     otherwise
 */
public record SqliteSettings(Path path, int poolSize, Synchronous synchronous) {
  public static final int DEFAULT_POOL_SIZE = 8;

  /** How far a commit goes before it returns: SQLite's {@code synchronous} setting. */
  public enum Synchronous {
    /**
     * Every commit syncs the write-ahead log to disk before it returns, so a committed write
     * survives a crash of the process, the operating system or the power. The default.
     */
    FULL,
    /**
     * The log is synced only when it is checkpointed into the database, not at every commit. In WAL
     * mode a commit can be lost on power failure (or an operating system crash), never on a process
     * crash. Faster where syncs are slow.
     */
    NORMAL;

    /**
     * The mode named {@code name}, in any case and with surrounding spaces ignored.
     *
     * @throws IllegalArgumentException when {@code name} is neither {@code FULL} nor {@code NORMAL}
     */
    public static Synchronous parse(String name) {
      String wanted = name.strip().toUpperCase(Locale.ROOT);
      for (Synchronous mode : values()) {
        if (mode.name().equals(wanted)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("synchronous must be FULL or NORMAL, was '" + name + "'");
    }
  }

  public SqliteSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(synchronous, "synchronous");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
  }

  /** Settings with {@code poolSize} read connections and durable ({@code FULL}) commits. */
  public SqliteSettings(Path path, int poolSize) {
    this(path, poolSize, Synchronous.FULL);
  }

  /**
   * Settings for the file at {@code path} with {@value #DEFAULT_POOL_SIZE} read connections and
   * durable ({@code FULL}) commits.
   */
  public static SqliteSettings at(Path path) {
    return new SqliteSettings(path, DEFAULT_POOL_SIZE);
  }

  /** These settings with commits made durable as {@code synchronous} says. */
  public SqliteSettings withSynchronous(Synchronous synchronous) {
    return new SqliteSettings(path, poolSize, synchronous);
  }
}
