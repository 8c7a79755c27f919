package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
  private static final String ENTRY = "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so";
  private static final byte[] LIBRARY =
      "not really a shared object".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;

  private final long uid = new UnixSystem().getUid();
  private URL resource;
  private Path tmp;
  private Path base;
  private Path build;

  @BeforeEach
  void jarWithALibrary() throws IOException {
    Path jar = temp.resolve("driver.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(ENTRY));
      out.write(LIBRARY);
      out.closeEntry();
    }
    resource = new URL("jar:" + jar.toUri() + "!/" + ENTRY);
    tmp = Files.createDirectory(temp.resolve("tmp"));
    base = tmp.resolve("webhook-orchestrator-sqlite-" + uid);
    CRC32 crc = new CRC32();
    crc.update(LIBRARY);
    build = base.resolve(Long.toHexString(crc.getValue()) + "-" + LIBRARY.length);
  }

  @Test
  void firstUse_copiesTheLibraryIntoDirectoriesOnlyTheUserCanUse() throws IOException {
    Optional<Path> directory = keptCopy();

    assertThat(directory).contains(build);
    assertThat(files(build)).containsExactly("libsqlitejdbc.so");
    assertThat(build.resolve("libsqlitejdbc.so")).hasBinaryContent(LIBRARY);
    assertThat(mode(base)).isEqualTo("rwx------");
    assertThat(mode(build)).isEqualTo("rwx------");
    assertThat(mode(build.resolve("libsqlitejdbc.so"))).isEqualTo("rwx------");
  }

  @Test
  void laterUse_loadsTheSameFileWithoutCopyingAgain() throws IOException {
    keptCopy();
    Path library = build.resolve("libsqlitejdbc.so");
    FileTime marked = FileTime.from(1_000_000, TimeUnit.SECONDS);
    Files.setLastModifiedTime(library, marked);
    Object inode = Files.getAttribute(library, "unix:ino");

    assertThat(keptCopy()).contains(build);

    assertThat(Files.getLastModifiedTime(library)).isEqualTo(marked);
    assertThat(Files.getAttribute(library, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void aCopyOfTheWrongSize_isReplaced() throws IOException {
    keptCopy();
    Files.write(build.resolve("libsqlitejdbc.so"), new byte[] {1, 2, 3});

    keptCopy();

    assertThat(build.resolve("libsqlitejdbc.so")).hasBinaryContent(LIBRARY);
  }

  @Test
  void aCopyOfTheRightSizeWithOtherBytes_isReplaced() throws IOException {
    keptCopy();
    byte[] corrupted = LIBRARY.clone();
    corrupted[5] ^= 0x55;
    Files.write(build.resolve("libsqlitejdbc.so"), corrupted);

    keptCopy();

    assertThat(build.resolve("libsqlitejdbc.so")).hasBinaryContent(LIBRARY);
  }

  @Test
  void copiesOfOtherBuilds_areRemoved() throws IOException {
    Path older = Files.createDirectories(base.resolve("deadbeef-3"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
    Files.write(older.resolve("libsqlitejdbc.so"), new byte[] {1, 2, 3});

    keptCopy();

    assertThat(files(base)).containsExactly(build.getFileName().toString());
  }

  @Test
  void aDirectoryOthersCanWriteTo_isNotUsed() throws IOException {
    Files.createDirectory(base);
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(keptCopy()).isEmpty();
    assertThat(files(base)).isEmpty();
  }

  @Test
  void aBuildDirectoryOthersCanWriteTo_isNotUsed() throws IOException {
    keptCopy();
    Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rwxrwx---"));

    assertThat(keptCopy()).isEmpty();
  }

  @Test
  void aTemporaryDirectoryOthersCanWriteTo_isNotUsed_unlessSticky() throws Exception {
    chmod("777", tmp);

    assertThat(keptCopy()).isEmpty();
    assertThat(files(tmp)).isEmpty();

    chmod("1777", tmp);

    assertThat(keptCopy()).contains(build);
  }

  @Test
  void aCopyOthersCanWriteTo_isReplaced() throws IOException {
    keptCopy();
    Path library = build.resolve("libsqlitejdbc.so");
    Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx---rw-"));

    keptCopy();

    assertThat(mode(library)).isEqualTo("rwx------");
  }

  @Test
  void aSymbolicLinkInPlaceOfTheDirectory_isNotFollowed() throws IOException {
    Path elsewhere =
        Files.createDirectory(
            temp.resolve("elsewhere"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(base, elsewhere);

    assertThat(keptCopy()).isEmpty();
    assertThat(files(elsewhere)).isEmpty();
  }

  @Test
  void aDirectoryOfAnotherUser_isNotUsed() throws IOException {
    assumeThat(uid).as("only root can give a directory away").isZero();
    Files.createDirectory(
        base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setOwner(base, nobody());

    assertThat(keptCopy()).isEmpty();
    assertThat(files(base)).isEmpty();
  }

  @Test
  void aFileOfAnotherUser_isReplaced() throws IOException {
    assumeThat(uid).as("only root can give a file away").isZero();
    keptCopy();
    Path library = build.resolve("libsqlitejdbc.so");
    Files.setOwner(library, nobody());

    keptCopy();

    assertThat(Files.getAttribute(library, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo((int) uid);
    assertThat(library).hasBinaryContent(LIBRARY);
  }

  /**
   * The real driver, in JVMs of their own so that no other test has loaded the library first: the
   * first start copies the library and loads the copy, the second loads the same file without
   * copying it again, though its user name is set to another user's.
   */
  @Test
  void theDriver_loadsTheKeptCopy() throws Exception {
    assumeThat(Path.of("/proc/self/maps")).as("reads what the process mapped").exists();
    Path jvmTmp = Files.createDirectory(temp.resolve("jvm-tmp")).toRealPath();

    Path kept = jvmTmp.resolve("webhook-orchestrator-sqlite-" + uid);

    String first = runProbe(jvmTmp);
    Path library = Path.of(first.substring("mapped ".length()).strip());
    Object inode = Files.getAttribute(library, "unix:ino");
    String second = runProbe(jvmTmp, "-Duser.name=nobody");

    assertThat(first).startsWith("mapped " + kept + "/");
    assertThat(second).as("the same file, whatever user.name says").isEqualTo(first);
    assertThat(Files.getAttribute(library, "unix:ino")).as("not copied again").isEqualTo(inode);
  }

  private String runProbe(Path jvmTmp, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + jvmTmp);
    command.addAll(List.of(options));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NativeLibraryProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.lines().filter(line -> line.startsWith("mapped ")).reduce("", String::concat);
  }

  private static void chmod(String mode, Path path) throws Exception {
    Process chmod = new ProcessBuilder("chmod", mode, path.toString()).inheritIO().start();
    assertThat(chmod.waitFor()).isZero();
  }

  private Optional<Path> keptCopy() throws IOException {
    return SqliteNativeLibrary.keptCopy(tmp, uid, resource);
  }

  private UserPrincipal nobody() throws IOException {
    return temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> files(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (var list = Files.list(directory)) {
      return list.map(file -> file.getFileName().toString()).toList();
    }
  }
}
