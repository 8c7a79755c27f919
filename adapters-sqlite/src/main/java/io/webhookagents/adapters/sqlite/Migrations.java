package io.webhookagents.adapters.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the scripts in {@code db/migration}.
 *
 * <p>A database whose history already ends at {@link #NEWEST} is left to itself without starting
 * Flyway, which takes about half a second to load and would then find nothing to do: that is every
 * restart but the first after an upgrade. The price is that such a start no longer checks the
 * applied scripts' checksums; scripts are never edited once released, only added.
 */
final class Migrations {
  /** The version of the newest script in {@code db/migration}; a test keeps the two in step. */
  static final String NEWEST = "3";

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final String LAST_APPLIED =
      "SELECT version FROM flyway_schema_history WHERE success = 1"
          + " ORDER BY installed_rank DESC LIMIT 1";

  private Migrations() {}

  /** Applies the scripts the database has not seen yet; the rest are left alone. */
  static void migrate(DataSource dataSource, Path database) {
    if (NEWEST.equals(lastApplied(dataSource))) {
      log.info("database {}: schema up to date at version {}", database, NEWEST);
      return;
    }
    migrate(dataSource, database, MigrationVersion.LATEST);
  }

  /** The version the database's history ends at; null for a new file or a history unreadable. */
  static @Nullable String lastApplied(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(LAST_APPLIED)) {
      return row.next() ? row.getString(1) : null;
    } catch (SQLException noHistoryYet) {
      // Flyway, run next, says what is wrong when it is more than a new file.
      return null;
    }
  }

  /**
   * Applies the scripts the database has not seen yet, up to {@code target} only. Tests use it to
   * build a database as an older release of this store left it.
   */
  static void migrate(DataSource dataSource, Path database, MigrationVersion target) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .target(target)
            .load()
            .migrate();

    if (result.migrationsExecuted > 0) {
      log.info(
          "database {}: applied {} migrations, schema now at version {}",
          database,
          result.migrationsExecuted,
          result.targetSchemaVersion);
    } else {
      log.info(
          "database {}: schema up to date at version {}", database, result.initialSchemaVersion);
    }
  }
}
