package io.webhookagents.adapters.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  private static final String COPY_INFIX = ".new-";
  private static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

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
   * Creates {@code database} as a copy of {@code template} when neither it (nor a link of its name)
   * nor any of SQLite's companion files exist. Never replaces a file: one that appears meanwhile is
   * kept. Copies that a start stopped half-way left beside it are removed first.
   *
   * @return true when the database was created; false when it was left to Flyway
   */
  static boolean createIfMissing(Path database, @Nullable Source template) {
    removeLeftovers(database);
    if (template == null || exists(database)) {
      return false;
    }

    Path copy;
    try {
      copy = newCopy(database);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "database {}: no room for the schema template beside it ({})", database, e.toString());
      return false;
    }
    try {
      write(template, copy);
      // A link, unlike a rename, fails when the name is taken: a database created by another
      // process since the check above keeps its rows.
      Files.createLink(database, copy);
    } catch (FileAlreadyExistsException takenMeanwhile) {
      log.info("database {}: created by another process meanwhile; left as it is", database);
      return false;
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("database {}: not copied from the schema template ({})", database, e.toString());
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
    // A link to a missing file counts: SQLite creates the file it points to, and Flyway fills it.
    if (Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return COMPANIONS.stream().anyMatch(suffix -> Files.exists(companion(database, suffix)));
  }

  // A name no other start uses, even one with the same process id in another container.
  private static Path newCopy(Path database) throws IOException {
    Path directory = database.toAbsolutePath().getParent();
    String prefix = database.getFileName() + COPY_INFIX;
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(directory, prefix, "", FILE_MODE);
    }
    return Files.createTempFile(directory, prefix, "");
  }

  /**
   * Removes copies left by starts that stopped before deleting theirs: empty or half-written ones
   * once a minute old, so that a start under way elsewhere keeps its own, and at once a second link
   * to the database itself (which shares its times, and would outlive its deletion).
   */
  private static void removeLeftovers(Path database) {
    Path directory = database.toAbsolutePath().getParent();
    String prefix = database.getFileName() + COPY_INFIX;
    FileTime before = FileTime.from(Instant.now().minus(LEFTOVER_AGE));
    DirectoryStream.Filter<Path> leftover =
        file ->
            file.getFileName().toString().startsWith(prefix)
                && (isLinkTo(file, database)
                    || Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).compareTo(before)
                        < 0);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, leftover)) {
      for (Path file : files) {
        deleteQuietly(file);
        log.info(
            "database {}: removed {}, a copy of the schema template a stopped start left",
            database,
            file.getFileName());
      }
    } catch (IOException | DirectoryIteratorException e) {
      log.debug("database {}: could not look for copies left beside it", database, e);
    }
  }

  private static boolean isLinkTo(Path file, Path database) throws IOException {
    return Files.exists(database, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(file, database);
  }

  private static void write(Source template, Path copy) throws IOException {
    try (InputStream bytes = template.open();
        FileChannel file = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      bytes.transferTo(Channels.newOutputStream(file));
      file.force(true);
    }
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
