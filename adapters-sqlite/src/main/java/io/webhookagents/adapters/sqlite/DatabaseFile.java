package io.webhookagents.adapters.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The database file as it was opened. SQLite keeps writing to a file that was deleted or replaced
 * under it, through the handles it holds, and every row written from then on is gone at the next
 * start; checked before each commit, such a file fails the commit instead, and the answers say so.
 *
 * <p>Compares the file system's key for the file (device and inode on Linux); where the file system
 * has none, only that a file is still there.
 */
final class DatabaseFile {
  private final Path path;
  private final @Nullable Object key;

  private DatabaseFile(Path path, @Nullable Object key) {
    this.path = path;
    this.key = key;
  }

  /** The file at {@code path} as it is now, which must exist. */
  static DatabaseFile opened(Path path) throws IOException {
    return new DatabaseFile(path, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
  }

  /**
   * Checks that {@code path} is still the file that was opened.
   *
   * @throws SQLException naming what happened to it
   */
  void checkStillThere() throws SQLException {
    Object now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      throw new SQLException(
          "database file "
              + path
              + " was deleted while the service ran; nothing more is"
              + " written to it: restore it, or restart the service to start a new one");
    } catch (IOException e) {
      throw new SQLException("could not check database file " + path + ": " + e, e);
    }
    if (key != null && !key.equals(now)) {
      throw new SQLException(
          "database file "
              + path
              + " was replaced while the service ran; nothing more is"
              + " written to the file it opened: restart the service to use the new one");
    }
  }
}
