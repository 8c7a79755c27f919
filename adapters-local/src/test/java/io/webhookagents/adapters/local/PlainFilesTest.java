package io.webhookagents.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainFilesTest {
  @TempDir Path directory;

  @Test
  void aPlainFileOfItsOwn_passes() throws Exception {
    Path log = Files.writeString(workspace().resolve("agent.log"), "line\n");

    assertThat(PlainFiles.isLogPresent(log)).isTrue();
  }

  @Test
  void aMissingLog_isNotPresent() throws Exception {
    Path log = workspace().resolve("agent.log");

    assertThat(PlainFiles.isLogPresent(log)).isFalse();
    assertThat(PlainFiles.isPresent(log)).isFalse();
  }

  @Test
  void aPipe_isRefused_withoutOpeningIt() throws Exception {
    Path log = workspace().resolve("agent.log");
    Process mkfifo = new ProcessBuilder("mkfifo", log.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> PlainFiles.isLogPresent(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " is not a plain file, so it is left alone");
  }

  @Test
  void aHardLinkToAnotherFile_isRefused() throws Exception {
    Path database = Files.writeString(directory.resolve("agents.db"), "rows");
    Path log = Files.createLink(workspace().resolve("agent.log"), database);

    assertThatThrownBy(() -> PlainFiles.isLogPresent(log))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " has another name (a hard link), so it is left alone");
  }

  @Test
  void aWorkspaceReplacedByALink_isRefused_thoughTheLogInItIsPlain() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("agent.log"), "not the agent's\n");
    Path workspace = Files.createSymbolicLink(directory.resolve("agent-1"), elsewhere);

    assertThatThrownBy(() -> PlainFiles.isLogPresent(workspace.resolve("agent.log")))
        .isInstanceOf(IOException.class)
        .hasMessage(workspace + " is a link, so the log in it is left alone");
  }

  @Test
  void aDirectoryOfWorkspacesReplacedByALink_isRefused() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere/agent-1"));
    Files.writeString(elsewhere.resolve("agent.log"), "not the agent's\n");
    Path workspaces = Files.createSymbolicLink(directory.resolve("ws"), elsewhere.getParent());

    assertThatThrownBy(() -> PlainFiles.isLogPresent(workspaces.resolve("agent-1/agent.log")))
        .isInstanceOf(IOException.class)
        .hasMessage(workspaces + " is a link, so the log in it is left alone");
  }

  @Test
  void aTaskFileReplacedByAPipe_isRefused_withoutOpeningIt() throws Exception {
    Path exit = directory.resolve("agent-1.exit");
    Process mkfifo = new ProcessBuilder("mkfifo", exit.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> PlainFiles.isPresent(exit))
        .isInstanceOf(IOException.class)
        .hasMessage(exit + " is not a plain file, so it is left alone");
  }

  private Path workspace() throws IOException {
    return Files.createDirectories(directory.resolve("workspaces").resolve("agent-1"));
  }
}
