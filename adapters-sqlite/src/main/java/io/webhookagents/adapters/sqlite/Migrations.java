package io.webhookagents.adapters.sqlite;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with the scripts in {@code db/migration}. */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Applies the scripts the database has not seen yet; the rest are left alone. */
  static void migrate(DataSource dataSource, Path database) {
    migrate(dataSource, database, MigrationVersion.LATEST);
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
