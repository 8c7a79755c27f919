package io.webhookagents.adapters.local;

import static io.webhookagents.adapters.local.TestAgents.agent;
import static io.webhookagents.adapters.local.TestAgents.awaitEnd;
import static io.webhookagents.adapters.local.TestAgents.eventually;
import static io.webhookagents.adapters.local.TestAgents.start;
import static io.webhookagents.adapters.local.TestAgents.untilReleased;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.TaskProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner started on the data directory of one that was closed, as after a restart. */
class RestartTest {
  private static final TaskProgress RUNNING = new TaskProgress.Reported("running");

  @TempDir Path dataDir;

  @AfterEach
  void awaitShells() {
    TestAgents.awaitShellsEnded(dataDir);
  }

  private AgentFiles filesOf(Agent agent) {
    return AgentFiles.of(dataDir, agent.id());
  }

  /** Records a task as a crashed runner would have left it: started, its end never seen. */
  private void recordStarted(Agent agent, long pid, Instant processStart) throws Exception {
    new TaskRecord(
            "task-" + agent.id(),
            agent.id() + ":submit-task",
            false,
            pid,
            processStart,
            null,
            false)
        .write(filesOf(agent).taskRecord());
  }

  private static long pidOfAnEndedProcess() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  @Test
  void taskWhoseProcessVanished_failsSayingItIsGoneAfterARestart() throws Exception {
    Agent agent = agent("agent-vanished", "prompt");
    recordStarted(agent, pidOfAnEndedProcess(), Instant.now());

    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "true"))) {
      TaskProgress progress = runner.pollTask(agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, Endings.GONE));
    }
  }

  @Test
  void taskWithoutRecord_failsSayingItIsGoneAfterARestart() {
    Agent agent = agent("agent-unrecorded", "prompt");

    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "true"))) {
      TaskProgress progress = runner.pollTask(agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, Endings.GONE));
    }
  }

  @Test
  void processStillRunning_isRunning_andEndsWithTheStatusItsShellRecorded() throws Exception {
    Agent agent = agent("agent-outlived", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, untilReleased("0"));
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
    }

    try (LocalRunner after = new LocalRunner(settings)) {
      TaskProgress whileRunning = after.pollTask(agent);
      Files.createFile(filesOf(agent).workspace().resolve("release"));
      TaskProgress ended = awaitEnd(after, agent);
      TaskProgress askedAgain = after.pollTask(agent);

      assertThat(whileRunning).isEqualTo(RUNNING);
      assertThat(ended)
          .isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"))
          .isEqualTo(askedAgain);
    }
  }

  @Test
  void aCrashBeforeThePidWasRecorded_isAdoptedByThePidItsShellWrote_andEndsAsItExits()
      throws Exception {
    Agent agent = agent("agent-pid-unrecorded", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, untilReleased("0"));
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
    }
    assertThat(eventually(() -> Files.exists(filesOf(agent).shellPid()))).isTrue();
    // As a runner that crashed between starting the process and recording its pid left it.
    TaskRecord.starting("task-" + agent.id(), agent.id() + ":submit-task")
        .write(filesOf(agent).taskRecord());

    try (LocalRunner after = new LocalRunner(settings)) {
      TaskProgress whileRunning = after.pollTask(agent);
      Files.createFile(filesOf(agent).workspace().resolve("release"));
      TaskProgress ended = awaitEnd(after, agent);

      assertThat(whileRunning).isEqualTo(RUNNING);
      assertThat(ended).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
    }
  }

  @Test
  void aCrashBeforeTheShellRan_isStartedWhenTheTaskIsSubmittedAgain() throws Exception {
    Agent agent = agent("agent-started-late", "prompt");
    TaskRecord.starting("task-" + agent.id(), agent.id() + ":submit-task")
        .write(filesOf(agent).taskRecord());

    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "echo ran"))) {
      String taskId = start(runner, agent);
      TaskProgress progress = awaitEnd(runner, agent);

      assertThat(taskId).isEqualTo("task-" + agent.id());
      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
      assertThat(filesOf(agent).log()).hasContent("ran");
    }
  }

  @Test
  void aCrashBeforeTheShellRan_leavesNoPid_andTheTaskIsGone() throws Exception {
    Agent agent = agent("agent-never-ran", "prompt");
    TaskRecord.starting("task-" + agent.id(), agent.id() + ":submit-task")
        .write(filesOf(agent).taskRecord());

    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "true"))) {
      TaskProgress progress = runner.pollTask(agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, Endings.GONE));
    }
  }

  @Test
  void processThatEndedWhileNoRunnerWatched_endsWithTheStatusItsShellRecorded() throws Exception {
    Agent agent = agent("agent-ended-unwatched", "prompt");
    LocalRunnerSettings settings =
        LocalRunnerSettings.of(dataDir, "echo working; " + untilReleased("3"));
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
    }
    Files.createFile(filesOf(agent).workspace().resolve("release"));
    assertThat(eventually(() -> Files.exists(filesOf(agent).exitStatus()))).isTrue();

    try (LocalRunner after = new LocalRunner(settings)) {
      TaskProgress progress = awaitEnd(after, agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 3: working"));
      assertThat(recordedExit(agent)).isEqualTo(3);
    }
  }

  @Test
  void commandThatCallsExit_stillHasItsStatusRecorded() throws Exception {
    Agent agent = agent("agent-exits-itself", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, "exit 0; echo never");
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
      awaitEnd(before, agent);
    }

    assertThat(Files.readString(filesOf(agent).exitStatus())).isEqualTo("0\n");
    assertThat(Files.readString(filesOf(agent).log())).doesNotContain("never");
  }

  @Test
  void commandThatEndsCleanlyOnASignalToItsWholeGroup_hasItsOwnStatusRecorded() throws Exception {
    Agent agent = agent("agent-signalled", "prompt");
    String command = "trap 'echo stopping; exit 0' TERM; while :; do sleep 0.05; done";
    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, command))) {
      start(runner, agent);
      ProcessHandle shell = recordedProcess(agent);
      // The command's shell exists as soon as it is forked, before it has set its trap; one of
      // its sleeps exists only once the loop after the trap runs. A TERM before the trap would
      // end that shell with 143 instead of the exit 0 its handler makes.
      assertThat(eventually(() -> shell.descendants().count() >= 2)).isTrue();

      // As a service manager stopping the service does: every process of the group at once.
      shell.descendants().forEach(ProcessHandle::destroy);
      shell.destroy();
      TaskProgress progress = awaitEnd(runner, agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0"));
      assertThat(Files.readString(filesOf(agent).exitStatus())).isEqualTo("0\n");
    }
  }

  @Test
  void taskRecordThatCannotBeWritten_startsNoProcess() throws Exception {
    Agent agent = agent("agent-unrecordable", "prompt");
    // A directory where the record's file should be: the record cannot be written.
    Files.createDirectories(filesOf(agent).taskRecord());
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, "echo ran >> ran.txt");

    try (LocalRunner runner = new LocalRunner(settings)) {
      assertThatThrownBy(() -> start(runner, agent)).isInstanceOf(ControllerException.class);
    }

    Thread.sleep(300);
    assertThat(filesOf(agent).workspace().resolve("ran.txt")).doesNotExist();
  }

  private ProcessHandle recordedProcess(Agent agent) throws Exception {
    long pid = TaskRecord.read(filesOf(agent).taskRecord()).orElseThrow().pid();
    return ProcessHandle.of(pid).orElseThrow();
  }

  @Test
  void adoptedProcessKilledBeforeItRecordedAStatus_failsWithUnknownStatus() throws Exception {
    Agent agent = agent("agent-killed", "prompt");
    Process process = new ProcessBuilder("sleep", "60").start();
    try {
      recordStarted(agent, process.pid(), process.info().startInstant().orElseThrow());

      try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "true"))) {
        TaskProgress whileRunning = runner.pollTask(agent);
        process.destroyForcibly().waitFor();
        TaskProgress ended = awaitEnd(runner, agent);

        assertThat(whileRunning).isEqualTo(RUNNING);
        assertThat(ended)
            .isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, Endings.EXIT_UNKNOWN));
      }
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void exitSeenBeforeTheRestart_isStillReportedAfterIt() throws Exception {
    Agent agent = agent("agent-exited-before", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, "echo boom; exit 4");
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
      awaitEnd(before, agent);
      assertThat(eventually(() -> recordedExit(agent) != null)).isTrue();
    }

    try (LocalRunner after = new LocalRunner(settings)) {
      TaskProgress progress = after.pollTask(agent);

      assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, "exit 4: boom"));
    }
  }

  private Integer recordedExit(Agent agent) {
    try {
      return TaskRecord.read(filesOf(agent).taskRecord()).orElseThrow().exitCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void resubmitAfterARestart_returnsTheRecordedTask_andStartsNoSecondProcess() throws Exception {
    Agent agent = agent("agent-resubmitted", "prompt");
    LocalRunnerSettings settings = LocalRunnerSettings.of(dataDir, "echo run >> count.txt");
    try (LocalRunner before = new LocalRunner(settings)) {
      start(before, agent);
      awaitEnd(before, agent);
    }

    try (LocalRunner after = new LocalRunner(settings)) {
      String taskId = start(after, agent);

      assertThat(taskId).isEqualTo("task-agent-resubmitted");
      assertThat(Files.readAllLines(filesOf(agent).workspace().resolve("count.txt")))
          .isEqualTo(List.of("run"));
    }
  }

  @Test
  void processThatGotTheRecordedPidLater_isNotTakenForTheAgent_norStopped() throws Exception {
    Agent agent = agent("agent-reused-pid", "prompt");
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try {
      Instant strangerStart = stranger.info().startInstant().orElseThrow();
      recordStarted(agent, stranger.pid(), strangerStart.minus(Duration.ofHours(1)));

      try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "true"))) {
        TaskProgress progress = runner.pollTask(agent);
        runner.stop(agent);

        assertThat(progress).isEqualTo(new TaskProgress.Ended(AgentStatus.FAILED, Endings.GONE));
        assertThat(stranger.waitFor(1, TimeUnit.SECONDS)).as("stranger ended").isFalse();
      }
    } finally {
      stranger.destroyForcibly();
    }
  }
}
