package io.webhookagents.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The shared webhook fixtures beside the repository (../shared/fixtures). */
final class Fixtures {
  static final Set<String> TRIGGERS =
      Set.of(
          "issues.opened.json",
          "issues.opened.null-body.json",
          "issue_comment.created.json",
          "pull_request_review_comment.created.json");

  private Fixtures() {}

  /** Finds shared/fixtures/github from the module or repository directory the test runs in. */
  static Path githubDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("fixtures").resolve("github");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "shared/fixtures/github not found beside the repository or any parent of "
            + Path.of("").toAbsolutePath());
  }

  static List<Path> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
