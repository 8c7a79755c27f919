package io.webhookagents.adapters.sqlite;

import com.sun.security.auth.module.UnixSystem;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
 * one copy per library build is kept under {@code webhook-orchestrator-sqlite-UID} in the temporary
 * directory, in a directory named after the library's CRC and size in the jar, and the driver is
 * pointed at that directory through its own {@code org.sqlite.lib.path} property.
 *
 * <p>The copy is used only while the temporary directory above it is the user's, root's, or sticky
 * (as {@code /tmp} is), so no one else can swap what it holds; while both directories are this
 * process's user's own (by user id, not by name, which a system property can change) and neither
 * group nor others can write to them; and while the file is that user's, writable by no one else,
 * and of the size and CRC the jar gives. A copy that fails those checks is made again; the CRC
 * catches a damaged copy, not one forged by code already running as this user, which could as well
 * change the jar. A directory that fails them is left alone, with a warning, and the driver
 * extracts its own copy as it always did; so it does wherever the user id or POSIX permissions
 * cannot be read and when the library is not in a jar. An operator's {@code org.sqlite.lib.path} is
 * left to the driver. The copy keeps the driver's file name, which the driver also looks for in its
 * jar: should loading the copy fail all the same, it falls back to extracting its own.
 */
public final class SqliteNativeLibrary {
  static final String PATH_PROPERTY = "org.sqlite.lib.path";

  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS_MAY_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  private static final int STICKY_BIT = 01000;
  private static final int GROUP_WRITE_BIT = 020;
  private static final int OTHERS_WRITE_BIT = 02;
  private static final String DIRECTORY_PREFIX = "webhook-orchestrator-sqlite-";

  private static boolean prepared;

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the kept copy, extracting it first if it is missing; once per process, and
   * before the driver's first connection. Never fails: the driver's own extraction is the fallback.
   */
  public static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (System.getProperty(PATH_PROPERTY) != null
        || !FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
      return;
    }

    try {
      URL resource = resource();
      if (resource == null || !"jar".equals(resource.getProtocol())) {
        return;
      }
      long uid = new UnixSystem().getUid();
      keptCopy(temporaryDirectory(), uid, resource)
          .ifPresent(directory -> System.setProperty(PATH_PROPERTY, directory.toString()));
    } catch (IOException | RuntimeException | LinkageError e) {
      log.warn(
          "SQLite's native library: no copy kept, the driver extracts its own: {}", e.toString());
    }
  }

  /** {@link #prepare()}, then loads the library, as the driver would on its first connection. */
  public static void load() throws Exception {
    prepare();
    SQLiteJDBCLoader.initialize();
  }

  /**
   * The directory holding the kept copy of the library at {@code resource}, made under {@code
   * temporaryDirectory} if missing; empty when a directory found there is not {@code uid}'s alone.
   */
  static Optional<Path> keptCopy(Path temporaryDirectory, long uid, URL resource)
      throws IOException {
    if (!isSafeParent(temporaryDirectory, uid)) {
      log.warn(
          "SQLite's native library: {} may be changed by other users (not theirs, not sticky);"
              + " the driver extracts its own copy instead",
          temporaryDirectory);
      return Optional.empty();
    }

    JarURLConnection jar = (JarURLConnection) resource.openConnection();
    // A cached connection would keep a second handle on the whole jar open for good.
    jar.setUseCaches(false);
    try (JarFile opened = jar.getJarFile()) {
      return keptCopy(temporaryDirectory, uid, jar, jar.getJarEntry());
    }
  }

  private static Optional<Path> keptCopy(
      Path temporaryDirectory, long uid, JarURLConnection jar, JarEntry entry) throws IOException {
    Path base = temporaryDirectory.resolve(DIRECTORY_PREFIX + uid);
    Path build = base.resolve(Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
    Path file = build.resolve(Path.of(entry.getName()).getFileName().toString());
    // The base first: nothing is made inside a directory that is not the user's alone.
    for (Path directory : List.of(base, build)) {
      if (!isPrivate(madeIfMissing(directory), uid)) {
        log.warn(
            "SQLite's native library: {} is not a directory of user {} that only it can write"
                + " to; the driver extracts its own copy instead",
            directory,
            uid);
        return Optional.empty();
      }
    }

    if (!isKept(file, uid, entry)) {
      extract(jar, entry, file);
      removeOtherBuilds(base, build);
    }
    return Optional.of(build);
  }

  private static Path madeIfMissing(Path directory) throws IOException {
    if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException raced) {
        // Another process made it first; it is checked like any directory found here.
      }
    }
    return directory;
  }

  /**
   * Whether no one but {@code uid} and root can rename what {@code directory} holds: it is theirs
   * and no one else can write to it, or it is sticky.
   */
  private static boolean isSafeParent(Path directory, long uid) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(directory, "unix:mode,uid");
    int mode = (Integer) attributes.get("mode");
    long owner = ((Number) attributes.get("uid")).longValue();
    boolean othersMayWrite = (mode & (GROUP_WRITE_BIT | OTHERS_WRITE_BIT)) != 0;
    return (mode & STICKY_BIT) != 0 || ((owner == uid || owner == 0) && !othersMayWrite);
  }

  /** Whether {@code directory} is a directory of {@code uid}'s that no one else can write to. */
  private static boolean isPrivate(Path directory, long uid) throws IOException {
    PosixFileAttributes attributes =
        Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isDirectory()
        && ownerOf(directory) == uid
        && Collections.disjoint(attributes.permissions(), OTHERS_MAY_WRITE);
  }

  /** Whether {@code file} is {@code uid}'s and holds exactly the entry's bytes. */
  private static boolean isKept(Path file, long uid, JarEntry entry) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || ownerOf(file) != uid
        || !Collections.disjoint(
            Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS), OTHERS_MAY_WRITE)
        || Files.size(file) != entry.getSize()) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return crc.getValue() == entry.getCrc();
  }

  private static long ownerOf(Path path) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
  }

  /**
   * Copies the entry to a new file beside {@code file}, checks its CRC, and renames it into place,
   * so a file under the final name is always whole.
   */
  private static void extract(JarURLConnection jar, JarEntry entry, Path file) throws IOException {
    Path partial = Files.createTempFile(file.getParent(), "extracting-", ".part");
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

  /**
   * Removes the copies of every other build of the library, usually left by an earlier version of
   * the service. Two versions run side by side by the same user take each other's copy away, and
   * each makes its own again at its next start. Failing to remove one is not worth failing over.
   */
  private static void removeOtherBuilds(Path base, Path kept) {
    try {
      for (Path other : entries(base)) {
        if (!other.equals(kept) && Files.isDirectory(other, LinkOption.NOFOLLOW_LINKS)) {
          for (Path file : entries(other)) {
            Files.deleteIfExists(file);
          }
          Files.deleteIfExists(other);
        }
      }
    } catch (IOException e) {
      log.debug(
          "SQLite's native library: copies of other builds left in {}: {}", base, e.toString());
    }
  }

  private static List<Path> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
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
}
