package io.webhookagents.adapters.sqlite;

import io.webhookagents.adapters.sqlite.SqliteSettings.Synchronous;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * Opens a database the way the store does, then prints where SQLite's native library was mapped
 * from, one {@code mapped PATH} line per mapping; run in a JVM of its own by {@link
 * SqliteNativeLibraryTest}.
 */
final class NativeLibraryProbe {
  private NativeLibraryProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Files.createTempDirectory("probe").resolve("agents.db");
    try (Connection connection =
        ConnectionPool.writerSource(file, Synchronous.FULL).getConnection()) {
      connection.createStatement().execute("CREATE TABLE t (x)");
    }

    Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .filter(line -> line.endsWith("sqlitejdbc.so"))
        .map(line -> "mapped " + line.substring(line.indexOf('/')))
        .distinct()
        .forEach(System.out::println);
  }
}
