package io.webhookagents.adapters.local;

import static io.webhookagents.adapters.local.TestAgents.agent;
import static io.webhookagents.adapters.local.TestAgents.awaitEnd;
import static io.webhookagents.adapters.local.TestAgents.start;
import static io.webhookagents.adapters.local.TestAgents.untilReleased;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {
  @TempDir Path dataDir;

  private LocalRunner runner;

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    TestAgents.awaitShellsEnded(dataDir);
  }

  private LocalRunner runnerWith(String command) {
    runner = new LocalRunner(LocalRunnerSettings.of(dataDir, command));
    return runner;
  }

  private Path workspaceOf(Agent agent) {
    return AgentFiles.of(dataDir, agent.id()).workspace();
  }

  @Test
  void successfulCommand_readsThePromptOnStdinInItsWorkspace_andCompletes() throws Exception {
    runnerWith("cat > got.txt; exit 0");
    Agent agent = agent("agent-ok", "Fix the flaky test.\nIt fails on Tuesdays.");

    String taskId = start(runner, agent);
    TaskProgress progress = awaitEnd(runner, agent);

    assertThat(taskId).isEqualTo("task-agent-ok");
    assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
    assertThat(workspaceOf(agent).resolve("got.txt")).hasContent(agent.prompt());
    assertThat(workspaceOf(agent).resolve("prompt.txt")).hasContent(agent.prompt());
  }

  @Test
  void aFollowUpOnAnEarlierAgentsSession_runsInThatAgentsWorkspace_withItsOwnPromptAndLog()
      throws Exception {
    runnerWith("cat >> notes.txt; echo done");
    Agent first = agent("agent-first", "Fix the parser.");
    Agent followUp = agent("agent-follow", "Also add a test.");
    String session = runner.createSession(TestAgents.sessionRequest(first));
    runner.submitTask(TestAgents.taskRequest(first, session));
    awaitEnd(runner, first);

    runner.submitTask(TestAgents.taskRequest(followUp, session));
    TaskProgress progress = awaitEnd(runner, followUp);

    assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
    assertThat(workspaceOf(first).resolve("notes.txt"))
        .hasContent("Fix the parser.Also add a test.");
    assertThat(workspaceOf(followUp).resolve("prompt.txt")).hasContent(followUp.prompt());
    assertThat(workspaceOf(followUp).resolve("agent.log")).hasContent("done");
    assertThat(workspaceOf(followUp).resolve("notes.txt")).doesNotExist();
  }

  @Test
  void aSessionNamingNoWorkspace_runsTheTaskInTheAgentsOwn() throws Exception {
    runnerWith("pwd");
    Agent agent = agent("agent-alone", "prompt");

    runner.submitTask(TestAgents.taskRequest(agent, "local-agent-gone"));
    awaitEnd(runner, agent);

    assertThat(workspaceOf(agent).resolve("agent.log"))
        .hasContent(workspaceOf(agent).toRealPath().toString());
  }

  @Test
  void promptWithShellSyntax_reachesTheCommandAsText_andIsNeverRunByTheShell() throws Exception {
    runnerWith("cat > got.txt");
    Agent agent = agent("agent-inject", "$(touch pwned) `touch pwned2`; touch pwned3 'quote\"");

    start(runner, agent);
    TaskProgress progress = awaitEnd(runner, agent);

    assertThat(progress).isInstanceOf(TaskProgress.Ended.class);
    assertThat(workspaceOf(agent).resolve("got.txt")).hasContent(agent.prompt());
    try (var files = Files.list(workspaceOf(agent))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.startsWith("pwned"));
    }
  }

  @Test
  void failingCommand_failsWithItsExitCodeAndTheEndOfItsLog() {
    runnerWith("echo starting; echo boom >&2; exit 3");
    Agent agent = agent("agent-fail", "prompt");

    start(runner, agent);
    TaskProgress progress = awaitEnd(runner, agent);

    assertThat(progress).isInstanceOf(TaskProgress.Ended.class);
    TaskProgress.Ended ended = (TaskProgress.Ended) progress;
    assertThat(ended.outcome()).isEqualTo(AgentStatus.FAILED);
    assertThat(ended.detail()).isEqualTo("exit 3: starting\nboom");
  }

  @Test
  void failureReason_quotesOnlyTheLastLinesOfTheLog() {
    runner =
        new LocalRunner(
            new LocalRunnerSettings(
                dataDir, "seq 1 50; exit 1", 3, LocalRunnerSettings.DEFAULT_LOG_MAX_BYTES));
    Agent agent = agent("agent-long-log", "prompt");

    start(runner, agent);
    TaskProgress progress = awaitEnd(runner, agent);

    assertThat(progress)
        .isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 1: 48\n49\n50"));
  }

  @Test
  void aLogPastItsBound_losesItsMiddle_andStillEndsWithTheReasonTheTaskFailed() throws Exception {
    long max = LocalRunnerSettings.MIN_LOG_MAX_BYTES;
    // About 2.9 MB of numbered lines, then the line that says why.
    runner =
        new LocalRunner(
            new LocalRunnerSettings(dataDir, "seq 1 400000; echo gave up; exit 4", 1, max));
    Agent agent = agent("agent-chatty", "prompt");

    start(runner, agent);
    TaskProgress progress = awaitEnd(runner, agent);

    Path log = AgentFiles.of(dataDir, agent.id()).log();
    List<String> lines = Files.readAllLines(log, UTF_8);
    assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 4: gave up"));
    assertThat(Files.size(log)).isLessThanOrEqualTo(max);
    assertThat(lines).startsWith("1", "2", "3").endsWith("399999", "400000", "gave up");
    assertThat(lines).anyMatch(line -> line.startsWith("[orchestrator: about "));
  }

  @Test
  void anAgentThatTurnsItsLogIntoAPipe_stillEnds_withNoReasonQuoted() {
    runnerWith("rm agent.log; mkfifo agent.log; exit 3");
    Agent agent = agent("agent-pipe", "prompt");

    start(runner, agent);
    TaskProgress progress =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> awaitEnd(runner, agent));

    assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 3"));
  }

  @Test
  void agentProcess_getsItsIdsAndPromptFileInItsEnvironment() throws Exception {
    runnerWith("env | grep '^AGENT_' | sort > env.txt");
    Agent agent = agent("agent-env", "prompt");

    start(runner, agent);
    awaitEnd(runner, agent);

    Path promptFile = workspaceOf(agent).resolve("prompt.txt");
    assertThat(Files.readAllLines(workspaceOf(agent).resolve("env.txt"), UTF_8))
        .containsExactly(
            "AGENT_ID=agent-env",
            "AGENT_PROMPT_FILE=" + promptFile,
            "AGENT_REPO=octo/repo",
            "AGENT_SESSION_ID=local-agent-env",
            "AGENT_TASK_ID=task-agent-env");
    assertThat(promptFile).isAbsolute();
  }

  @Test
  void runningCommand_isReportedRunning_untilItExits() throws Exception {
    runnerWith(untilReleased("0"));
    Agent agent = agent("agent-busy", "prompt");
    start(runner, agent);

    TaskProgress whileRunning = runner.pollTask(agent);
    Files.createFile(workspaceOf(agent).resolve("release"));
    TaskProgress afterwards = awaitEnd(runner, agent);

    assertThat(whileRunning).isEqualTo(new TaskProgress.Reported("running"));
    assertThat(afterwards).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
  }

  @Test
  void endedTask_isReportedTheSameWayAtEveryPoll() {
    runnerWith("echo boom; exit 7");
    Agent agent = agent("agent-again", "prompt");
    start(runner, agent);

    TaskProgress first = awaitEnd(runner, agent);
    TaskProgress second = runner.pollTask(agent);

    assertThat(first).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 7: boom"));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void createSession_makesTheWorkspace_andReturnsTheSameSessionWhenRepeated() {
    runnerWith("true");
    Agent agent = agent("agent-session", "prompt");

    String first = runner.createSession(TestAgents.sessionRequest(agent));
    String second = runner.createSession(TestAgents.sessionRequest(agent));

    assertThat(first).isEqualTo("local-agent-session").isEqualTo(second);
    assertThat(dataDir.resolve("workspaces").resolve("agent-session")).isDirectory();
  }

  @Test
  void repeatedSubmit_returnsTheSameTask_andStartsOneProcess() throws Exception {
    runnerWith("echo run >> count.txt");
    Agent agent = agent("agent-twice", "prompt");

    String first = start(runner, agent);
    String second = start(runner, agent);
    awaitEnd(runner, agent);

    assertThat(second).isEqualTo(first);
    assertThat(Files.readAllLines(workspaceOf(agent).resolve("count.txt")))
        .isEqualTo(List.of("run"));
  }

  @Test
  void submitUnderAnotherKey_isRefusedPermanently_becauseAnAgentRunsOneTask() {
    runnerWith("true");
    Agent agent = agent("agent-other-key", "prompt");
    start(runner, agent);
    TaskRequest other =
        new TaskRequest(agent.id(), agent.repo(), "local-agent-other-key", "again", "other-key");

    ControllerException refusal =
        catchThrowableOfType(ControllerException.class, () -> runner.submitTask(other));

    assertThat(refusal).isNotNull();
    assertThat(refusal.retryable()).isFalse();
    assertThat(refusal)
        .hasMessageContaining("agent-other-key already has task task-agent-other-key");
  }
}
