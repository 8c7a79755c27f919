package io.webhookagents.adapters.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The checks made before the runner reads or writes a file an agent can reach: its log, in its
 * workspace, and its task's files, which the agent can find from there. The runner works as the
 * same user, so a file replaced by a link would have it quote or trim another file, the database
 * say, and one replaced by a pipe would block the thread that opens it, and with it the tracking of
 * every agent.
 *
 * <p>A check and the opening that follows it are two steps, so an agent that swaps a file in
 * between still gets its way; this guards against accidents, not against a hostile agent, which
 * running as the service's user could do worse anyway.
 */
final class PlainFiles {
  private PlainFiles() {}

  /**
   * Whether {@code file} is there, as a plain file and not a link to one.
   *
   * @return false when nothing has that name
   * @throws IOException when something does but it is not a plain file, saying what it is instead
   */
  static boolean isPresent(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(file + " is not a plain file, so it is left alone");
    }
    return true;
  }

  /**
   * As {@link #isPresent}, for an agent's log: also no other name, in a workspace that is no link,
   * in a directory of workspaces that is none either.
   */
  static boolean isLogPresent(Path log) throws IOException {
    Path workspace = log.getParent();
    Path workspaces = workspace == null ? null : workspace.getParent();
    for (Path directory : new Path[] {workspace, workspaces}) {
      if (directory != null && Files.isSymbolicLink(directory)) {
        throw new IOException(directory + " is a link, so the log in it is left alone");
      }
    }

    if (!isPresent(log)) {
      return false;
    }
    if (links(log) > 1) {
      throw new IOException(log + " has another name (a hard link), so it is left alone");
    }
    return true;
  }

  private static int links(Path log) throws IOException {
    try {
      return (Integer) Files.getAttribute(log, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return 1;
    }
  }
}
