package io.webhookagents.app.cli;

import java.io.IOException;
import java.net.ConnectException;

/** Words for why a file or a running instance could not be reached. */
final class Unreachable {
  private Unreachable() {}

  static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "nothing is listening there (is the service running, and on that port?)";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
