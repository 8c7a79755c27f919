package io.webhookagents.adapters.local;

import static io.webhookagents.adapters.local.TestAgents.agent;
import static io.webhookagents.adapters.local.TestAgents.eventually;
import static io.webhookagents.adapters.local.TestAgents.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.webhookagents.domain.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopTest {
  private static final String TWO_SLEEPERS = "sleep 60 & sleep 60; wait";

  @TempDir Path dataDir;

  private final List<Long> pidsToClean = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    pidsToClean.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /**
   * The pids of the agent's process tree once it is whole: the shell that records the exit status,
   * the command's shell under it, and that shell's two sleeping children.
   */
  private List<Long> treeOf(Agent agent) throws IOException {
    long shell =
        TaskRecord.read(AgentFiles.of(dataDir, agent.id()).taskRecord()).orElseThrow().pid();
    ProcessHandle handle = ProcessHandle.of(shell).orElseThrow();
    assertThat(eventually(() -> handle.descendants().count() == 3)).isTrue();

    List<Long> pids = new ArrayList<>(List.of(shell));
    handle.descendants().forEach(child -> pids.add(child.pid()));
    pidsToClean.addAll(pids);
    return pids;
  }

  /** A runner whose agents' commands ignore the stop request and that waits an hour to kill. */
  private LocalRunner runnerWithAnHourOfGrace() {
    String command = "trap '' TERM; " + TWO_SLEEPERS;
    return new LocalRunner(LocalRunnerSettings.of(dataDir, command), Duration.ofHours(1));
  }

  @Test
  void stop_endsTheShellAndEveryProcessItStarted() throws Exception {
    Agent agent = agent("agent-tree", "prompt");
    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, TWO_SLEEPERS))) {
      start(runner, agent);
      List<Long> tree = treeOf(agent);

      runner.stop(agent);

      assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
    }
  }

  @Test
  void aProcessForkedAfterTheStopBegan_isStoppedToo_asAMemberOfTheTasksGroup() throws Exception {
    assumeTrue(AgentLauncher.groupsTasks(), "setsid is not installed");
    Agent agent = agent("agent-late-child", "prompt");
    // On the stop request the command starts one more process and leaves it behind.
    String command =
        "trap 'sleep 60 & echo $! > late.pid; exit 0' TERM; while :; do sleep 0.05; done";
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, command);
    try (LocalRunner runner = new LocalRunner(settings, Duration.ofMillis(300))) {
      start(runner, agent);
      Path latePid = AgentFiles.of(dataDir, agent.id()).workspace().resolve("late.pid");
      assertThat(eventually(() -> Files.exists(AgentFiles.of(dataDir, agent.id()).shellPid())))
          .isTrue();

      runner.stop(agent);

      assertThat(eventually(() -> TestAgents.pidIn(latePid) > 0)).isTrue();
      long late = TestAgents.pidIn(latePid);
      pidsToClean.add(late);
      assertThat(eventually(() -> !TestAgents.isAlive(late))).isTrue();
    }
  }

  @Test
  void processesThatIgnoreTheStopRequest_areKilledAfterTheGrace() throws Exception {
    Agent agent = agent("agent-stubborn", "prompt");
    String command = "trap '' TERM; " + TWO_SLEEPERS;
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, command);
    try (LocalRunner runner = new LocalRunner(settings, Duration.ofMillis(300))) {
      start(runner, agent);
      List<Long> tree = treeOf(agent);

      runner.stop(agent);

      assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
    }
  }

  @Test
  void closingTheRunnerWithinAStopsGrace_killsWhatIgnoredTheStop() throws Exception {
    Agent agent = agent("agent-stubborn-close", "prompt");
    LocalRunner runner = runnerWithAnHourOfGrace();
    start(runner, agent);
    List<Long> tree = treeOf(agent);
    runner.stop(agent);
    assertThat(tree).as("every process ignores the stop request").allMatch(TestAgents::isAlive);

    runner.close();

    assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
  }

  @Test
  void aStopAfterTheRunnerClosed_killsAtOnce_sinceNoRunnerIsLeftToEndItsGrace() throws Exception {
    Agent agent = agent("agent-stopped-late", "prompt");
    LocalRunner runner = runnerWithAnHourOfGrace();
    start(runner, agent);
    List<Long> tree = treeOf(agent);
    runner.close();

    runner.stop(agent);

    assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
  }

  @Test
  void stopAfterARestart_endsTheRecordedProcess() throws Exception {
    Agent agent = agent("agent-stop-restart", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, TWO_SLEEPERS);
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
    }
    List<Long> tree = treeOf(agent);

    try (LocalRunner after = new LocalRunner(settings)) {
      after.stop(agent);

      assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
    }
  }

  @Test
  void aStopCutShortByACrash_isFinishedByTheNextRunner() throws Exception {
    Agent agent = agent("agent-stop-crash", "prompt");
    String command = "trap '' TERM; " + TWO_SLEEPERS;
    LocalRunner crashed = runnerWithAnHourOfGrace();
    start(crashed, agent);
    List<Long> tree = treeOf(agent);
    crashed.stop(agent);
    assertThat(tree).as("every process ignores the stop request").allMatch(TestAgents::isAlive);

    // The first runner is never closed, as after a crash; its kill would come in an hour.
    try (LocalRunner next =
        new LocalRunner(LocalRunnerSettings.of(dataDir, command), Duration.ofMillis(300))) {

      assertThat(eventually(() -> tree.stream().noneMatch(TestAgents::isAlive))).isTrue();
      Path mark = AgentFiles.of(dataDir, agent.id()).stopping();
      assertThat(eventually(() -> !mark.toFile().exists())).isTrue();
    }
  }

  @Test
  void aStopThatEnded_leavesNothingForTheNextRunnerToStop() throws Exception {
    Agent stopped = agent("agent-stopped", "prompt");
    Agent running = agent("agent-still-running", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, TWO_SLEEPERS);
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, stopped);
      start(before, running);
      List<Long> stoppedTree = treeOf(stopped);
      before.stop(stopped);
      assertThat(eventually(() -> stoppedTree.stream().noneMatch(TestAgents::isAlive))).isTrue();
    }
    List<Long> runningTree = treeOf(running);
    Path mark = AgentFiles.of(dataDir, stopped.id()).stopping();
    assertThat(eventually(() -> !mark.toFile().exists())).isTrue();

    try (LocalRunner after = new LocalRunner(settings)) {
      assertThat(runningTree).allMatch(TestAgents::isAlive);
    }
  }

  @Test
  void closingTheRunner_leavesItsAgentsRunning() throws Exception {
    Agent agent = agent("agent-survivor", "prompt");
    LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, TWO_SLEEPERS));
    start(runner, agent);
    List<Long> tree = treeOf(agent);

    runner.close();

    assertThat(tree).allMatch(TestAgents::isAlive);
  }
}
