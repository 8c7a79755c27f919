package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTemplateTest {
  private static final String SCHEMA =
      "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
  private static final String HISTORY =
      "SELECT installed_rank, version, description, type, script, checksum, success"
          + " FROM flyway_schema_history ORDER BY installed_rank";

  @TempDir Path directory;

  @Test
  void theBuiltTemplate_isWhatFlywayMakesOfTheScriptsToday() throws Exception {
    Path migrated = directory.resolve("migrated.db");
    try (var pool = ConnectionPool.open(migrated, 1)) {
      Migrations.migrate(pool, migrated, MigrationVersion.LATEST);
    }
    Path copied = directory.resolve("copied.db");

    boolean created = SchemaTemplate.createIfMissing(copied, SchemaTemplate.onClassPath());

    assertThat(created).as("the build put %s on the class path", SchemaTemplate.RESOURCE).isTrue();
    assertThat(rows(copied, SCHEMA)).isEqualTo(rows(migrated, SCHEMA)).isNotEmpty();
    assertThat(rows(copied, HISTORY))
        .isEqualTo(rows(migrated, HISTORY))
        .hasSize(Integer.parseInt(Migrations.NEWEST));
    assertThat(rows(copied, "PRAGMA journal_mode")).containsExactly(List.of("wal"));
    assertThat(rows(copied, "SELECT count(*) FROM agents")).containsExactly(List.of("0"));
  }

  @Test
  void aDatabaseOpenedOnAMissingFile_isTheTemplatesCopy_andTakesRows() throws Exception {
    Path file = directory.resolve("agents.db");
    Agent agent;

    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      agent = record(database.agentStore(), pending(1));
    }

    Path template = directory.resolve("template.db");
    SchemaTemplate.createIfMissing(template, SchemaTemplate.onClassPath());
    // Flyway, had it run, would have written the history with the time it ran.
    String installedOn = "SELECT installed_on FROM flyway_schema_history ORDER BY installed_rank";
    assertThat(rows(file, installedOn)).isEqualTo(rows(template, installedOn));
    try (SqliteDatabase reopened = SqliteDatabase.open(SqliteSettings.at(file))) {
      assertThat(reopened.agentStore().find(agent.id())).contains(agent);
    }
  }

  @Test
  void theCopy_isSyncedUnderItsOwnName_withNoTemporaryFileLeft() throws Exception {
    Path file = directory.resolve("agents.db");

    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isTrue();

    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(Files.getPosixFilePermissions(file))
        .as("no more than SQLite's own rw-r--r--")
        .contains(OWNER_READ, OWNER_WRITE)
        .isSubsetOf(OWNER_READ, OWNER_WRITE, GROUP_READ, OTHERS_READ);
    assertThat(Migrations.lastApplied(dataSourceOf(file))).isEqualTo(Migrations.NEWEST);
  }

  @Test
  void anExistingFile_isLeftAsItIs() throws Exception {
    Path file = directory.resolve("agents.db");
    Files.writeString(file, "not a template");

    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isFalse();

    assertThat(file).hasContent("not a template");
  }

  @Test
  void aLinkToAMissingFile_isLeftToSqliteAndFlyway() throws Exception {
    Path elsewhere = directory.resolve("elsewhere/agents.db");
    Files.createDirectories(elsewhere.getParent());
    Path file = Files.createSymbolicLink(directory.resolve("agents.db"), elsewhere);

    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isFalse();

    assertThat(Files.isSymbolicLink(file)).isTrue();
    assertThat(elsewhere).doesNotExist();
  }

  @Test
  void copiesAStoppedStartLeft_areRemoved_butNotOneAnotherStartIsStillWriting() throws Exception {
    Path file = directory.resolve("agents.db");
    Path stale = Files.writeString(directory.resolve("agents.db.new-1"), "half a template");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    Path underWay = Files.writeString(directory.resolve("agents.db.new-2"), "being written");
    Path unrelated = Files.writeString(directory.resolve("agents.dbx.new-3"), "not ours");
    Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isTrue();

    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactlyInAnyOrder(file, underWay, unrelated);
    }
    assertThat(underWay).hasContent("being written");
  }

  @Test
  void aSecondLinkToTheDatabase_leftBetweenLinkAndDelete_isRemovedHoweverRecent() throws Exception {
    Path file = directory.resolve("agents.db");
    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isTrue();
    Path leftover = Files.createLink(directory.resolve("agents.db.new-42"), file);

    assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath())).isFalse();

    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(Migrations.lastApplied(dataSourceOf(file))).isEqualTo(Migrations.NEWEST);
    assertThat(leftover).doesNotExist();
  }

  @Test
  void aLogLeftWithoutItsDatabase_leavesTheFileToFlyway() throws Exception {
    Path file = directory.resolve("agents.db");
    for (String companion : List.of("-wal", "-journal", "-shm")) {
      Path left = directory.resolve("agents.db" + companion);
      Files.writeString(left, "frames of another database");

      assertThat(SchemaTemplate.createIfMissing(file, SchemaTemplate.onClassPath()))
          .as(companion)
          .isFalse();

      assertThat(file).doesNotExist();
      Files.delete(left);
    }
  }

  @Test
  void aDatabaseCreatedWhileTheTemplateIsCopied_keepsItsOwnBytes() throws Exception {
    Path file = directory.resolve("agents.db");
    SchemaTemplate.Source template = SchemaTemplate.onClassPath();
    SchemaTemplate.Source racing =
        () -> {
          Files.writeString(file, "another process's database");
          return template.open();
        };

    assertThat(SchemaTemplate.createIfMissing(file, racing)).isFalse();

    assertThat(file).hasContent("another process's database");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void noTemplate_orOneThatCannotBeRead_createsNothing() throws Exception {
    Path file = directory.resolve("agents.db");
    SchemaTemplate.Source broken =
        () ->
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("truncated jar");
              }
            };

    assertThat(SchemaTemplate.createIfMissing(file, null)).isFalse();
    assertThat(SchemaTemplate.createIfMissing(file, broken)).isFalse();

    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void write_replacesAnOlderTemplate_andLeavesOnlyTheFile() throws Exception {
    Path target = directory.resolve("built/new-database.sqlite");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "an older build's template");

    SchemaTemplate.main(new String[] {target.toString()});

    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
    assertThat(Migrations.lastApplied(dataSourceOf(target))).isEqualTo(Migrations.NEWEST);
  }

  private static org.sqlite.SQLiteDataSource dataSourceOf(Path file) {
    org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + file);
    return source;
  }

  private static List<List<String>> rows(Path file, String query) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          row.add(String.valueOf(result.getString(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
