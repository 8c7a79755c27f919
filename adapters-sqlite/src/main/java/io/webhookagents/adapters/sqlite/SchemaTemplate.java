package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An empty database with every migration applied, made by Flyway when the jar is built and copied
 * for a database file that does not exist yet, as a server copies a template database.
 *
 * <p>Flyway spends about a sixth of a second on a new file, most of it setting itself up; a copy
 * takes a millisecond. The copy is Flyway's own work, history and checksums included, so the next
 * migration runs on it as on any other file. Its history rows carry the time of the build.
 */
final class SchemaTemplate {
  /** Where the build puts the template, on the class path. */
  static final String RESOURCE = "db/new-database.sqlite";

  private static final Logger log = LoggerFactory.getLogger(SchemaTemplate.class);

  // A log or journal without its database must not be replayed onto a copy that is not the
  // database it belonged to; SQLite's own files, of any of these names, leave the file to Flyway.
  private static final List<String> COMPANIONS = List.of("-wal", "-journal", "-shm");

  // As SQLite creates a database file, before the process's umask.
  private static final FileAttribute<?> FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

  /** Where a template's bytes come from: the class path, or a test's stand-in. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  private SchemaTemplate() {}

  /** The template on the class path; null when the build did not make one (an IDE's build). */
  static @Nullable Source onClassPath() {
    URL template = SchemaTemplate.class.getClassLoader().getResource(RESOURCE);
    return template == null ? null : template::openStream;
  }

  /**
   * Creates {@code database} as a copy of {@code template} when neither it nor any of SQLite's
   * companion files exist. Never replaces a file: one that appears meanwhile is kept.
   *
   * @return true when the database was created; false when it was left to Flyway
   */
  static boolean createIfMissing(Path database, @Nullable Source template) {
    if (template == null || exists(database)) {
      return false;
    }

    Path copy = companion(database, ".new-" + ProcessHandle.current().pid());
    try {
      write(template, copy);
      // A link, unlike a rename, fails when the name is taken: a database created by another
      // process since the check above keeps its rows.
      Files.createLink(database, copy);
    } catch (FileAlreadyExistsException takenMeanwhile) {
      return false;
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "database {}: not copied from the schema template ({}); Flyway creates it",
          database,
          e.toString());
      return false;
    } finally {
      deleteQuietly(copy);
    }

    syncDirectory(database);
    log.info("database {}: created from the schema template", database);
    return true;
  }

  /** Writes a new template to {@code target}: an empty database, migrated by Flyway. */
  static void write(Path target) {
    for (Path file : List.of(target, companion(target, "-wal"), companion(target, "-shm"))) {
      deleteQuietly(file);
    }

    try (HikariDataSource pool = ConnectionPool.open(target, 1)) {
      Migrations.migrate(pool, target, MigrationVersion.LATEST);
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        // Everything into the file itself, so that the file alone is the template.
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not write the schema template " + target, e);
    }

    if (Files.exists(companion(target, "-wal"))) {
      throw new IllegalStateException("the schema template's log outlived its last connection");
    }
  }

  /** The build's entry point: writes the template to the path given. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SchemaTemplate <file to write>");
    }
    // Flyway logs through java.util.logging here; a build prints only what went wrong.
    java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);

    Path target = Path.of(args[0]);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(target);
  }

  private static boolean exists(Path database) {
    if (Files.exists(database)) {
      return true;
    }
    return COMPANIONS.stream().anyMatch(suffix -> Files.exists(companion(database, suffix)));
  }

  private static void write(Source template, Path copy) throws IOException {
    try (InputStream bytes = template.open();
        FileChannel file = create(copy)) {
      bytes.transferTo(Channels.newOutputStream(file));
      file.force(true);
    }
  }

  private static FileChannel create(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE);
    }
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  // So that the new name survives a power loss; SQLite's first commit syncs only the file.
  private static void syncDirectory(Path database) {
    Path directory = database.toAbsolutePath().getParent();
    try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
      entries.force(true);
    } catch (IOException e) {
      log.warn("database {}: its directory could not be synced: {}", database, e.toString());
    }
  }

  private static Path companion(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
