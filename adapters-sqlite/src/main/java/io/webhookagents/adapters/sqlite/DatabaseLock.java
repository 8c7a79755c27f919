package io.webhookagents.adapters.sqlite;

import io.webhookagents.ports.out.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a second process off a database this one has open, by a lock on a file beside it.
 *
 * <p>The service assumes it is the only one using its file: at start-up it takes back every lease a
 * previous run left, so a second process on the same file would take over agents the first is still
 * dispatching, and both would call the controller for them. SQLite's own locks allow many
 * processes, so this lock is taken before anything else is opened, and refused rather than waited
 * for. The operating system lets it go when the process ends, however it ends. The lock file itself
 * stays, empty, and a stale one blocks nothing; but deleted while a process holds it, it no longer
 * keeps a second one out. A symbolic link to the database leads to the same lock; a hard link, a
 * second name SQLite itself cannot tell from another file, does not.
 */
final class DatabaseLock implements AutoCloseable {
  // As many links as Linux follows in one path before it gives up on a loop.
  private static final int MAX_LINKS = 40;

  // The lock files this process holds.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final AtomicBoolean open = new AtomicBoolean(true);

  private DatabaseLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** The file whose lock stands for {@code database}'s. */
  private static Path lockFile(Path database) {
    return database.resolveSibling(database.getFileName() + ".lock");
  }

  /**
   * Takes the lock for {@code database}.
   *
   * @throws StoreException when another process, or another open of the same file in this one,
   *     holds it, or the lock file cannot be opened
   */
  static DatabaseLock take(Path database) {
    Path file = lockFile(realPath(database));
    // Checked before the file is opened: the operating system keeps one lock per process and file,
    // and closing any descriptor of the file, such as a second open's, would let it go.
    if (!HELD.add(file)) {
      throw inUse(database, file);
    }

    try {
      return new DatabaseLock(file, locked(database, file));
    } catch (RuntimeException e) {
      HELD.remove(file);
      throw e;
    }
  }

  private static FileChannel locked(Path database, Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException(
          "could not open the lock file " + file + " of database " + database, e);
    }

    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw inUse(database, file);
    }
    return channel;
  }

  private static StoreException inUse(Path database, Path file) {
    return new StoreException(
        "database "
            + database
            + " is in use by another process (it holds "
            + file
            + "); run one process per database file",
        null);
  }

  /**
   * The file {@code database} names, past any symbolic link on the way, whether or not that file
   * exists yet (SQLite creates it through the link), so that two names for one file share one lock;
   * as given when it cannot be resolved, which opening it will then report.
   */
  private static Path realPath(Path database) {
    Path path = database;
    try {
      for (int hop = 0; hop < MAX_LINKS && Files.isSymbolicLink(path); hop++) {
        path = path.resolveSibling(Files.readSymbolicLink(path));
      }
      Path parent = path.toAbsolutePath().getParent();
      return parent == null ? path : parent.toRealPath().resolve(path.getFileName());
    } catch (IOException e) {
      return database;
    }
  }

  /** Lets the lock go. Idempotent. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      closeQuietly(channel);
      HELD.remove(file);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock whatever it reports; the process's end would too.
    }
  }
}
