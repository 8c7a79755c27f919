package io.webhookagents.adapters.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Has the SQLite driver load its native library from a copy kept between runs.
 *
 * <p>Left to itself, the driver copies the library out of its jar into the temporary directory at
 * every start, then reads the copy back one byte at a time to compare it with the original: about
 * 45 ms of a half-second restart, most of it that comparison and the compiling it sets off. Here
 * one copy per library build is kept in a directory of the temporary directory that only this user
 * can write, named after the library's CRC and size in the jar, and the driver is pointed at it
 * through its own {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} properties.
 *
 * <p>Where that directory cannot be trusted or made (no POSIX permissions, owned by another user or
 * writable by others, a symbolic link, the library not in a jar, the user unknown to the system, an
 * I/O error), nothing is set and the driver extracts its library as it always does; when an
 * operator has set {@code org.sqlite.lib.path}, the driver is left to it. Should loading the kept
 * copy fail, the driver logs it and extracts its own, into the same temporary directory.
 */
public final class SqliteNativeLibrary {
  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);

  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final String DIRECTORY_PREFIX = "webhook-orchestrator-sqlite-";

  private static boolean prepared;

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the kept copy, extracting it first if it is missing; once per process, and
   * before the driver's first connection. Never fails: the driver's own extraction is the fallback.
   */
  public static synchronized void prepare() {
    if (prepared || System.getProperty(PATH_PROPERTY) != null) {
      prepared = true;
      return;
    }
    prepared = true;

    Optional<Path> copy = Optional.empty();
    try {
      copy = keptCopy(temporaryDirectory(), System.getProperty("user.name"), resource());
    } catch (IOException | RuntimeException e) {
      log.debug("SQLite's native library is left to the driver to extract: {}", e.toString());
    }
    copy.ifPresent(
        file -> {
          System.setProperty(PATH_PROPERTY, file.getParent().toString());
          System.setProperty(NAME_PROPERTY, file.getFileName().toString());
        });
  }

  /** {@link #prepare()}, then loads the library, as the driver would on its first connection. */
  public static void load() throws Exception {
    prepare();
    SQLiteJDBCLoader.initialize();
  }

  /**
   * The kept copy of the library at {@code resource} under {@code temporaryDirectory}, made if
   * missing; empty when the directory, or the file in it, cannot be trusted to be {@code user}'s
   * alone.
   */
  static Optional<Path> keptCopy(Path temporaryDirectory, String user, URL resource)
      throws IOException {
    if (resource == null
        || !"jar".equals(resource.getProtocol())
        || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Optional.empty();
    }
    UserPrincipal owner =
        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    Path directory = temporaryDirectory.resolve(DIRECTORY_PREFIX + safe(user));
    if (!ownedAndPrivate(directory, owner)) {
      return Optional.empty();
    }

    JarURLConnection jar = (JarURLConnection) resource.openConnection();
    JarEntry entry = jar.getJarEntry();
    String libraryName = Path.of(entry.getName()).getFileName().toString();
    Path file =
        directory.resolve(
            Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + "-" + libraryName);
    if (isKept(file, owner, entry.getSize())) {
      return Optional.of(file);
    }

    extract(jar, entry, file);
    removeOtherBuilds(directory, file, libraryName);
    return Optional.of(file);
  }

  /** Whether {@code directory} is a directory of {@code owner}'s that no one else can write to. */
  private static boolean ownedAndPrivate(Path directory, UserPrincipal owner) throws IOException {
    if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException raced) {
        // Another process made it first; it is checked below like any directory found here.
      }
    }
    PosixFileAttributes attributes =
        Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isDirectory()
        && attributes.owner().equals(owner)
        && !attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
        && !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
  }

  private static boolean isKept(Path file, UserPrincipal owner, long size) throws IOException {
    if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    PosixFileAttributes attributes =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isRegularFile()
        && attributes.owner().equals(owner)
        && attributes.size() == size;
  }

  /**
   * Copies the entry to a new file beside {@code file}, checks its CRC, and renames it into place,
   * so a file under the final name is always whole.
   */
  private static void extract(JarURLConnection jar, JarEntry entry, Path file) throws IOException {
    Path directory = file.getParent();
    Path partial = Files.createTempFile(directory, "extracting-", ".part");
    try {
      CRC32 crc = new CRC32();
      try (InputStream in = new CheckedInputStream(jar.getInputStream(), crc)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      if (crc.getValue() != entry.getCrc()) {
        throw new IOException("the copy of " + entry.getName() + " does not match its CRC");
      }
      Files.setPosixFilePermissions(partial, OWNER_ONLY);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    log.info("SQLite's native library copied to {}, to be loaded from there from now on", file);
  }

  /** Removes the copies of other builds of the library, left by earlier versions of the service. */
  private static void removeOtherBuilds(Path directory, Path kept, String libraryName)
      throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path other : (Iterable<Path>) files::iterator) {
        if (!other.equals(kept) && other.getFileName().toString().endsWith("-" + libraryName)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }

  private static Path temporaryDirectory() {
    return Path.of(System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir")));
  }

  private static URL resource() {
    String name = LibraryLoaderUtil.getNativeLibName();
    String folder = LibraryLoaderUtil.getNativeLibResourcePath();
    return SQLiteJDBCLoader.class.getResource(folder + "/" + name);
  }

  /** The user's name as it may appear in a file name. */
  private static String safe(String user) {
    return user.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
