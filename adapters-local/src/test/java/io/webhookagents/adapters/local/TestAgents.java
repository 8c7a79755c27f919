package io.webhookagents.adapters.local;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the runner tests share: agents as dispatch hands them over, and waiting with a deadline. */
final class TestAgents {
  static final Instant CREATED = Instant.parse("2025-06-01T12:00:00Z");
  // Generous: waits end as soon as their condition holds, and a busy machine is slow to reap.
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private TestAgents() {}

  /** A running agent on {@code octo/repo} whose prompt is {@code prompt}. */
  static Agent agent(String id, String prompt) {
    return new Agent(
        new AgentId(id),
        Source.GITHUB,
        "issues",
        "opened",
        "delivery-" + id,
        "octo/repo",
        "octo/repo#1",
        "https://github.com/octo/repo/issues/1",
        prompt,
        AgentStatus.RUNNING,
        "local-" + id,
        "task-" + id,
        1,
        null,
        CREATED,
        CREATED);
  }

  static SessionRequest sessionRequest(Agent agent) {
    String description = "Webhook agent for " + agent.repo();
    return new SessionRequest(
        agent.id(), agent.repo(), description, agent.id() + ":create-session");
  }

  static TaskRequest taskRequest(Agent agent, String sessionId) {
    return new TaskRequest(
        agent.id(), agent.repo(), sessionId, agent.prompt(), agent.id() + ":submit-task");
  }

  /** Creates the agent's session and submits its task, as dispatch does; returns the task id. */
  static String start(LocalRunner runner, Agent agent) {
    String sessionId = runner.createSession(sessionRequest(agent));
    return runner.submitTask(taskRequest(agent, sessionId));
  }

  /** Polls until the task ends or the deadline passes; returns the last answer. */
  static TaskProgress awaitEnd(LocalRunner runner, Agent agent) {
    Instant deadline = Instant.now().plus(DEADLINE);
    TaskProgress progress = runner.pollTask(agent);
    while (!(progress instanceof TaskProgress.Ended) && Instant.now().isBefore(deadline)) {
      pause();
      progress = runner.pollTask(agent);
    }
    return progress;
  }

  /** Waits until {@code condition} holds or the deadline passes; returns whether it held. */
  static boolean eventually(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      pause();
    }
    return true;
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Waits, a few seconds at most, for the shells of the tasks started under {@code dataDir} to end
   * (a running one is killed), so that none writes its exit status into the test's temporary
   * directory while it is being deleted.
   */
  static void awaitShellsEnded(Path dataDir) {
    Path tasks = AgentFiles.tasksOf(dataDir);
    if (!Files.isDirectory(tasks)) {
      return;
    }
    // The runner's record has the pid from the start; the shell's own file may not exist yet.
    List<Long> pids;
    try (Stream<Path> files = Files.list(tasks)) {
      pids =
          files
              .map(TestAgents::pidOfTask)
              .filter(pid -> pid > 0)
              .distinct()
              .collect(Collectors.toList());
    } catch (IOException e) {
      return;
    }
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    Instant deadline = Instant.now().plusSeconds(5);
    while (pids.stream().anyMatch(TestAgents::isAlive) && Instant.now().isBefore(deadline)) {
      pause();
    }
  }

  /** The pid a shell's file or the runner's record of a task holds; -1 for any other file. */
  private static long pidOfTask(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".pid")) {
      return pidIn(file);
    }
    if (!name.endsWith(".properties")) {
      return -1;
    }
    Properties record = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      record.load(reader);
      // An ended task's pid may belong to another process by now.
      if (record.getProperty("exitCode") != null) {
        return -1;
      }
      return Long.parseLong(record.getProperty("pid", "-1"));
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** The process id written in {@code file}; -1 while there is none yet. */
  static long pidIn(Path file) {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** A command that runs until a file named {@code release} appears in its workspace. */
  static String untilReleased(String thenExit) {
    return "while [ ! -e release ]; do sleep 0.05; done; exit " + thenExit;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
