package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
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

  private final String user = System.getProperty("user.name");
  private URL resource;
  private Path directory;
  private String keptName;

  @BeforeEach
  void jarWithALibrary() throws IOException {
    Path jar = temp.resolve("driver.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(ENTRY));
      out.write(LIBRARY);
      out.closeEntry();
    }
    resource = new URL("jar:" + jar.toUri() + "!/" + ENTRY);
    directory = temp.resolve("tmp/webhook-orchestrator-sqlite-" + user);
    Files.createDirectories(directory.getParent());
    CRC32 crc = new CRC32();
    crc.update(LIBRARY);
    keptName = Long.toHexString(crc.getValue()) + "-" + LIBRARY.length + "-libsqlitejdbc.so";
  }

  @Test
  void firstUse_copiesTheLibraryIntoADirectoryOnlyTheUserCanUse() throws IOException {
    Optional<Path> copy = keptCopy();

    assertThat(copy).contains(directory.resolve(keptName));
    assertThat(Files.readAllBytes(copy.orElseThrow())).isEqualTo(LIBRARY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.orElseThrow())))
        .isEqualTo("rwx------");
    assertThat(files(directory)).containsExactly(keptName);
  }

  @Test
  void laterUse_loadsTheSameFileWithoutCopyingAgain() throws IOException {
    Path first = keptCopy().orElseThrow();
    FileTime marked = FileTime.from(1_000_000, TimeUnit.SECONDS);
    Files.setLastModifiedTime(first, marked);
    Object inode = Files.readAttributes(first, "unix:ino").get("ino");

    Path second = keptCopy().orElseThrow();

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(second)).isEqualTo(marked);
    assertThat(Files.readAttributes(second, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void aCopyOfTheWrongSize_isReplaced() throws IOException {
    Path first = keptCopy().orElseThrow();
    Files.write(first, new byte[] {1, 2, 3});

    Path second = keptCopy().orElseThrow();

    assertThat(Files.readAllBytes(second)).isEqualTo(LIBRARY);
  }

  @Test
  void copiesOfOtherBuilds_areRemoved_otherFilesAreNot() throws IOException {
    Files.createDirectory(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.write(directory.resolve("deadbeef-3-libsqlitejdbc.so"), new byte[] {1, 2, 3});
    Files.write(directory.resolve("notes.txt"), new byte[] {1});

    keptCopy();

    assertThat(files(directory)).containsExactlyInAnyOrder(keptName, "notes.txt");
  }

  @Test
  void aDirectoryOthersCanWriteTo_isNotUsed() throws IOException {
    Files.createDirectory(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(keptCopy()).isEmpty();
    assertThat(files(directory)).isEmpty();
  }

  @Test
  void aSymbolicLinkInPlaceOfTheDirectory_isNotFollowed() throws IOException {
    Path elsewhere =
        Files.createDirectory(
            temp.resolve("elsewhere"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createSymbolicLink(directory, elsewhere);

    assertThat(keptCopy()).isEmpty();
    assertThat(files(elsewhere)).isEmpty();
  }

  @Test
  void aDirectoryOfAnotherUser_isNotUsed() throws IOException {
    assumeThat(user).as("only root can give a directory away").isEqualTo("root");
    Files.createDirectory(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setOwner(
        directory,
        directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

    assertThat(keptCopy()).isEmpty();
    assertThat(files(directory)).isEmpty();
  }

  @Test
  void aFileOfAnotherUser_isReplaced() throws IOException {
    assumeThat(user).as("only root can give a file away").isEqualTo("root");
    Path first = keptCopy().orElseThrow();
    Files.setOwner(
        first,
        first.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

    Path second = keptCopy().orElseThrow();

    assertThat(Files.getOwner(second, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo(user);
  }

  @Test
  void aLibraryOutsideAJar_isLeftToTheDriver() throws IOException {
    Path loose = Files.write(temp.resolve("libsqlitejdbc.so"), LIBRARY);

    assertThat(SqliteNativeLibrary.keptCopy(temp.resolve("tmp"), user, loose.toUri().toURL()))
        .isEmpty();
    assertThat(SqliteNativeLibrary.keptCopy(temp.resolve("tmp"), user, null)).isEmpty();
    assertThat(files(temp.resolve("tmp"))).isEmpty();
  }

  @Test
  void aUserUnknownToTheSystem_fails() {
    assertThatThrownBy(
            () -> SqliteNativeLibrary.keptCopy(temp.resolve("tmp"), "no-such-user-x", resource))
        .isInstanceOf(UserPrincipalNotFoundException.class);
  }

  /**
   * The real driver, in a JVM of its own so that no other test has loaded the library first: the
   * first start copies the library, both starts load it from the copy, not from a fresh extraction.
   */
  @Test
  void theDriver_loadsTheKeptCopy() throws Exception {
    assumeThat(Path.of("/proc/self/maps")).as("reads what the process mapped").exists();
    Path tmp = Files.createDirectory(temp.resolve("jvm-tmp"));

    String first = runLoader(tmp);
    String second = runLoader(tmp);

    Path kept = tmp.toRealPath().resolve("webhook-orchestrator-sqlite-" + user);
    assertThat(first)
        .contains("mapped " + kept + "/")
        .doesNotContain("mapped " + tmp.toRealPath() + "/sqlite-");
    assertThat(second).isEqualTo(first);
    assertThat(files(kept)).hasSize(1).allMatch(name -> name.endsWith("-libsqlitejdbc.so"));
  }

  private String runLoader(Path tmp) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NativeLibraryProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.lines().filter(line -> line.startsWith("mapped ")).reduce("", String::concat);
  }

  private Optional<Path> keptCopy() throws IOException {
    return SqliteNativeLibrary.keptCopy(directory.getParent(), user, resource);
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
