package io.webhookagents.adapters.sqlite;

import java.nio.file.Path;

/** Opens a fresh database file in a test's temporary directory. */
final class TestDatabases {
  private TestDatabases() {}

  static SqliteDatabase openIn(Path directory) {
    return SqliteDatabase.open(new SqliteSettings(directory.resolve("agents.db"), 4));
  }
}
