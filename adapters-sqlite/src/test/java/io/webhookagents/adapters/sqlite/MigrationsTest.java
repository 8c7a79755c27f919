package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir Path directory;

  @Test
  void newest_isTheVersionOfTheNewestScript() throws IOException {
    int newest;
    try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
      newest =
          scripts
              .map(script -> SCRIPT.matcher(script.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(script -> Integer.parseInt(script.group(1)))
              .max()
              .orElseThrow();
    }

    assertThat(Migrations.NEWEST).isEqualTo(String.valueOf(newest));
  }

  @Test
  void aNewFile_hasNoHistory_andIsMigratedToTheNewest() throws Exception {
    Path file = directory.resolve("new.db");
    try (HikariDataSource pool = ConnectionPool.open(file, 2)) {
      assertThat(Migrations.lastApplied(pool)).isNull();

      Migrations.migrate(pool, file);

      assertThat(Migrations.lastApplied(pool)).isEqualTo(Migrations.NEWEST);
    }
  }

  @Test
  void anOlderFile_isMigratedOnFromWhereItIs() throws Exception {
    Path file = directory.resolve("old.db");
    try (HikariDataSource pool = ConnectionPool.open(file, 2)) {
      Migrations.migrate(pool, file, MigrationVersion.fromVersion("1"));
      assertThat(Migrations.lastApplied(pool)).isEqualTo("1");

      Migrations.migrate(pool, file);

      assertThat(Migrations.lastApplied(pool)).isEqualTo(Migrations.NEWEST);
    }
  }

  @Test
  void aCurrentFile_isLeftAlone_flywayIsNotStarted() throws Exception {
    Path file = directory.resolve("current.db");
    try (HikariDataSource pool = ConnectionPool.open(file, 2)) {
      Migrations.migrate(pool, file);
      // Flyway, if it ran, would refuse to go on: it validates the checksums of applied scripts.
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '1'");
      }

      Migrations.migrate(pool, file);

      assertThat(Migrations.lastApplied(pool)).isEqualTo(Migrations.NEWEST);
      assertThatThrownBy(() -> Migrations.migrate(pool, file, MigrationVersion.LATEST))
          .as("Flyway itself, run on the same file")
          .hasMessageContaining("checksum");
    }
  }
}
