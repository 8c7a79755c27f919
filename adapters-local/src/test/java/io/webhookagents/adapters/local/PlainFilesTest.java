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

class PlainFilesTest {
  @TempDir Path directory;

  @Test
  void aPlainFileOfItsOwn_passes() throws Exception {
    Path log = Files.writeString(workspace().resolve("agent.log"), "line\n");

    assertThatNoException().isThrownBy(() -> PlainFiles.checkLog(log));
  }

  @Test
  void aMissingLog_isNoSuchFile() throws Exception {
    Path log = workspace().resolve("agent.log");

    assertThatThrownBy(() -> PlainFiles.checkLog(log)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aPipe_isRefused_withoutOpeningIt() throws Exception {
    Path log = workspace().resolve("agent.log");
    Process mkfifo = new ProcessBuilder("mkfifo", log.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> PlainFiles.checkLog(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " is not a plain file, so it is left alone");
  }

  @Test
  void aHardLinkToAnotherFile_isRefused() throws Exception {
    Path database = Files.writeString(directory.resolve("agents.db"), "rows");
    Path log = Files.createLink(workspace().resolve("agent.log"), database);

    assertThatThrownBy(() -> PlainFiles.checkLog(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " has another name (a hard link), so it is left alone");
  }

  @Test
  void aWorkspaceReplacedByALink_isRefused_thoughTheLogInItIsPlain() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("agent.log"), "not the agent's\n");
    Path workspace = Files.createSymbolicLink(directory.resolve("agent-1"), elsewhere);

    assertThatThrownBy(() -> PlainFiles.checkLog(workspace.resolve("agent.log")))
        .isInstanceOf(IOException.class)
        .hasMessage(workspace + " is a link, so the log in it is left alone");
  }

  @Test
  void aDirectoryOfWorkspacesReplacedByALink_isRefused() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere/agent-1"));
    Files.writeString(elsewhere.resolve("agent.log"), "not the agent's\n");
    Path workspaces = Files.createSymbolicLink(directory.resolve("ws"), elsewhere.getParent());

    assertThatThrownBy(() -> PlainFiles.checkLog(workspaces.resolve("agent-1/agent.log")))
        .isInstanceOf(IOException.class)
        .hasMessage(workspaces + " is a link, so the log in it is left alone");
  }

  @Test
  void aTaskFileReplacedByAPipe_isRefused_withoutOpeningIt() throws Exception {
    Path exit = directory.resolve("agent-1.exit");
    Process mkfifo = new ProcessBuilder("mkfifo", exit.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> PlainFiles.check(exit))
        .isInstanceOf(IOException.class)
        .hasMessage(exit + " is not a plain file, so it is left alone");
  }

  private Path workspace() throws IOException {
    return Files.createDirectories(directory.resolve("workspaces").resolve("agent-1"));
  }
}
