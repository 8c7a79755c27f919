package io.webhookagents.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainLogTest {
  @TempDir Path directory;

  @Test
  void aPlainFileOfItsOwn_passes() throws Exception {
    Path log = Files.writeString(workspace().resolve("agent.log"), "line\n");

    assertThatNoException().isThrownBy(() -> PlainLog.check(log));
  }

  @Test
  void aMissingLog_isNoSuchFile() throws Exception {
    Path log = workspace().resolve("agent.log");

    assertThatThrownBy(() -> PlainLog.check(log)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aPipe_isRefused_withoutOpeningIt() throws Exception {
    Path log = workspace().resolve("agent.log");
    Process mkfifo = new ProcessBuilder("mkfifo", log.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> PlainLog.check(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " is not a plain file, so it is left alone");
  }

  @Test
  void aHardLinkToAnotherFile_isRefused() throws Exception {
    Path database = Files.writeString(directory.resolve("agents.db"), "rows");
    Path log = Files.createLink(workspace().resolve("agent.log"), database);

    assertThatThrownBy(() -> PlainLog.check(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " has another name (a hard link), so it is left alone");
  }

  @Test
  void aWorkspaceReplacedByALink_isRefused_thoughTheLogInItIsPlain() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("agent.log"), "not the agent's\n");
    Path workspace = Files.createSymbolicLink(directory.resolve("agent-1"), elsewhere);

    assertThatThrownBy(() -> PlainLog.check(workspace.resolve("agent.log")))
        .isInstanceOf(IOException.class)
        .hasMessage(workspace + " is a link, so its log is left alone");
  }

  private Path workspace() throws IOException {
    return Files.createDirectories(directory.resolve("workspaces").resolve("agent-1"));
  }
}
