package io.webhookagents.app;

import java.nio.file.Path;

/** Opens the shared fixtures to tests in other packages of this module. */
public final class FixturesAccess {
  private FixturesAccess() {}

  public static Path github() {
    return Fixtures.githubDirectory();
  }
}
