package io.webhookagents.adapters.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The check made before the runner reads or trims an agent's log. The log lives in the agent's
 * workspace, which the agent may change, and the runner works as the same user: a log replaced by a
 * link (or reached through a workspace that is one) would have the runner quote or trim another
 * file, the database say, and a log replaced by a pipe would block the thread that opens it.
 *
 * <p>The check and the opening that follows it are two steps, so an agent that swaps its log in
 * between still gets its way; this guards against accidents, not against a hostile agent, which
 * running as the service's user could do worse anyway.
 */
final class PlainLog {
  private PlainLog() {}

  /**
   * Checks that {@code log} is a plain file with no other name, in a workspace that is no link.
   *
   * @throws java.nio.file.NoSuchFileException when there is no log
   * @throws IOException saying what the log is instead
   */
  static void check(Path log) throws IOException {
    Path workspace = log.getParent();
    if (workspace != null && Files.isSymbolicLink(workspace)) {
      throw new IOException(workspace + " is a link, so its log is left alone");
    }
    BasicFileAttributes attributes =
        Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new IOException(log + " is not a plain file, so it is left alone");
    }
    if (links(log) > 1) {
      throw new IOException(log + " has another name (a hard link), so it is left alone");
    }
  }

  private static int links(Path log) throws IOException {
    try {
      return (Integer) Files.getAttribute(log, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return 1;
    }
  }
}
