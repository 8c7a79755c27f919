package io.webhookagents.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payload every benchmark uses: GitHub's {@code issues.opened} delivery from the shared
 * fixtures (13.5 KB), the same bytes bench.sh sends over HTTP.
 *
 * <p>The file is found, in this order, at the system property {@value #PROPERTY}, the environment
 * variable {@value #ENV}, or {@value #RELATIVE} under the working directory or one of its parents
 * (the repository root and the benchmarks folder both work).
 */
public final class Fixture {
  /** The secret the payload is signed with, as in shared/bench/load.sh. */
  public static final String SECRET = "bench-secret";

  static final String PROPERTY = "bench.fixture";
  static final String ENV = "BENCH_FIXTURE";
  static final String RELATIVE = "../shared/fixtures/github/issues.opened.json";

  private static final int PARENTS_TO_SEARCH = 3;

  private Fixture() {}

  /**
   * The bytes of the {@code issues.opened} fixture.
   *
   * @throws IllegalStateException naming every place looked at, when none holds the file
   */
  public static byte[] issueOpened() {
    List<Path> tried = candidates();
    for (Path path : tried) {
      if (Files.isRegularFile(path)) {
        return read(path);
      }
    }
    throw new IllegalStateException(
        "fixture issues.opened.json not found; looked at "
            + tried
            + "; set -D"
            + PROPERTY
            + "=<file> or "
            + ENV);
  }

  private static List<Path> candidates() {
    List<Path> paths = new ArrayList<>();
    addIfSet(paths, System.getProperty(PROPERTY));
    addIfSet(paths, System.getenv(ENV));

    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i <= PARENTS_TO_SEARCH && dir != null; i++) {
      paths.add(dir.resolve(RELATIVE).normalize());
      dir = dir.getParent();
    }
    return paths;
  }

  private static void addIfSet(List<Path> paths, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      paths.add(Path.of(value));
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read fixture " + path, e);
    }
  }
}
