package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs agents as processes on this machine, for when no controller API is configured.
 *
 * <p>An agent's session is its workspace, the directory {@code <dataDir>/workspaces/<agentId>}. Its
 * task runs {@code AGENT_COMMAND} through {@code /bin/sh -c} in that directory (a follow-up given
 * an earlier agent's session runs in that agent's workspace, keeping its own prompt and log in its
 * own), with the prompt on standard input and in {@code prompt.txt}, and with {@code AGENT_ID},
 * {@code AGENT_REPO}, {@code AGENT_SESSION_ID}, {@code AGENT_TASK_ID} and {@code AGENT_PROMPT_FILE}
 * in its environment. Standard output and error are appended to {@code agent.log} there. The task
 * ends when the process exits: status 0 completes the agent, any other fails it with the last lines
 * of the log as the reason. Without a command the runner does a dry run: the prompt goes to the log
 * and the task completes at its first poll.
 *
 * <p>Both calls are idempotent per agent: a repeated {@link #createSession} returns the same
 * session, and a repeated {@link #submitTask} returns the task already started, even after a
 * restart, because every task is recorded on disk (its process id and start time, under {@code
 * <dataDir>/tasks}): first that it is about to start, then its process id and start time. The
 * task's shell also writes its own process id as it starts, so that a crash between starting the
 * process and recording its id leaves a task the next runner still finds; only a crash before that
 * shell ran leaves one that is reported gone, and never a second process.
 *
 * <p>Restarts: {@link #close} leaves running agents running. The shell that runs each command
 * writes the command's exit status to {@code <dataDir>/tasks/<agentId>.exit} when it ends (see
 * {@link AgentLauncher}). A runner started later on the same data directory sees a recorded process
 * that is still alive as running and, once it has ended, or if it ended while no runner watched,
 * ends the agent by that status. A process killed before it could write one (SIGKILL, a reboot)
 * fails the agent saying so. Processes outlive the orchestrator only where the system lets them: a
 * container that stops ends them all. A stop that was waiting out its grace when the orchestrator
 * crashed is noted on disk, and the next runner stops those processes again as it starts.
 *
 * <p>Security: the command runs with the service's user rights and in its environment, less the
 * orchestrator's own secrets ({@link AgentLauncher#WITHHELD}). Prompts are text that outside
 * parties influence; they reach the process on standard input and in a file, never on the shell's
 * command line, so the shell cannot interpret them. What the agent then does with them is up to the
 * command: run the service as a user with no more rights than an agent should have. A failed task's
 * reason quotes the agent's output, which the read API shows.
 *
 * <p>Safe for use from many threads. The caller bounds how many agents run at once.
 */
public final class LocalRunner implements AgentController, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalRunner.class);

  /** How long a stopped agent's processes get to exit before they are killed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final int MAX_REASON_CHARS = 2000;
  private static final String SESSION_PREFIX = "local-";
  // Between the shell starting and its pid file's time, as the system reports them.
  private static final Duration SHELL_PID_TOLERANCE = Duration.ofSeconds(5);
  private static final TaskProgress RUNNING = new TaskProgress.Reported("running");

  private final LocalRunnerSettings settings;
  private final @Nullable AgentLauncher launcher;
  private final Duration stopGrace;
  private final Object submitLock = new Object();
  // Processes this runner started, until their exit is recorded.
  private final Map<AgentId, Process> started = new ConcurrentHashMap<>();
  // Agents whose process, started before a restart, this runner has seen alive.
  private final Set<AgentId> adopted = ConcurrentHashMap.newKeySet();
  // Stops waiting out their grace, so that closing can end them.
  private final Map<AgentId, ProcessTree.Stopping> stopping = new ConcurrentHashMap<>();
  private final Object stopLock = new Object();
  private volatile boolean closed;
  private final Object recording = new Object();

  public LocalRunner(LocalRunnerSettings settings) {
    this(settings, STOP_GRACE);
  }

  LocalRunner(LocalRunnerSettings settings, Duration stopGrace) {
    this.settings = settings;
    this.stopGrace = stopGrace;
    String command = settings.agentCommand();
    this.launcher = command == null ? null : new AgentLauncher(command);

    if (launcher == null) {
      log.warn(
          "local runner: no AGENT_COMMAND set, so agents run dry: each prompt is written to the"
              + " agent's log under {}, and its task is done the next time the service asks"
              + " (TASK_POLL_INTERVAL)",
          settings.dataDir());
    } else {
      log.info("local runner: agents run AGENT_COMMAND in workspaces under {}", settings.dataDir());
    }
    finishEarlierStops();
  }

  /** Makes the agent's workspace, if it does not exist yet; its session id names the agent. */
  @Override
  public String createSession(SessionRequest request) {
    AgentFiles files = filesOf(request.agentId());
    try {
      Files.createDirectories(files.workspace());
    } catch (IOException e) {
      throw ControllerException.retryable(
          "could not create the workspace of agent " + request.agentId() + ": " + e, e);
    }

    log.info("agent {}: workspace {} is ready", request.agentId(), files.workspace());
    return SESSION_PREFIX + request.agentId();
  }

  /**
   * Starts the agent's task, or returns the task already started under the same idempotency key.
   *
   * @throws ControllerException retryable when files could not be written or the process not
   *     started; permanent when the agent already has a task under another key, since the runner
   *     runs one task per agent
   */
  @Override
  public String submitTask(TaskRequest request) {
    AgentFiles files = filesOf(request.agentId());
    try {
      synchronized (submitLock) {
        Optional<TaskRecord> existing = TaskRecord.read(files.taskRecord());
        if (existing.isPresent() && !neverRan(existing.get(), files)) {
          return alreadySubmitted(request, existing.get());
        }
        return launcher == null ? dryRun(request, files) : launch(request, files, launcher);
      }
    } catch (IOException e) {
      throw ControllerException.retryable(
          "could not start the task of agent " + request.agentId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * True for a task recorded as about to start whose shell never wrote its pid or an exit status: a
   * runner crashed between the record and the start. Submitted again, it is started then, rather
   * than reported gone. Only ever seen after a restart: a runner records "about to start" and
   * starts the process under the lock its submissions take.
   */
  private static boolean neverRan(TaskRecord record, AgentFiles files) {
    return !record.dryRun()
        && record.pid() == null
        && record.exitCode() == null
        && !record.exitUnknown()
        && !Files.exists(files.shellPid())
        && !Files.exists(files.exitStatus());
  }

  private static String alreadySubmitted(TaskRequest request, TaskRecord existing) {
    if (!existing.idempotencyKey().equals(request.idempotencyKey())) {
      throw ControllerException.permanent(
          "agent "
              + request.agentId()
              + " already has task "
              + existing.taskId()
              + "; the local runner runs one task per agent");
    }
    log.debug("agent {}: task {} was already started", request.agentId(), existing.taskId());
    return existing.taskId();
  }

  private String dryRun(TaskRequest request, AgentFiles files) throws IOException {
    String taskId = taskIdOf(request.agentId());
    Files.createDirectories(files.workspace());
    Files.writeString(files.prompt(), request.prompt(), UTF_8);
    Files.writeString(
        files.log(),
        "dry run: no AGENT_COMMAND set; prompt follows\n" + request.prompt() + "\n",
        UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    TaskRecord.dryRun(taskId, request.idempotencyKey()).write(files.taskRecord());
    log.info("agent {}: dry run, prompt written to {}", request.agentId(), files.log());
    return taskId;
  }

  private String launch(TaskRequest request, AgentFiles files, AgentLauncher launcher)
      throws IOException {
    AgentId agent = request.agentId();
    String taskId = taskIdOf(agent);
    Files.createDirectories(files.workspace());
    Files.writeString(files.prompt(), request.prompt(), UTF_8);
    // Written before the process starts: where records cannot be written, nothing runs. Stopping a
    // process just started is a race with what it starts itself, which may escape the stop.
    TaskRecord.starting(taskId, request.idempotencyKey()).write(files.taskRecord());

    Path workspace = sessionWorkspace(request, files);
    Process process;
    try {
      process = launcher.start(files, workspace, request, taskId);
    } catch (IOException e) {
      Files.deleteIfExists(files.taskRecord());
      throw e;
    }
    try {
      TaskRecord.started(taskId, request.idempotencyKey(), process.toHandle())
          .write(files.taskRecord());
    } catch (IOException e) {
      // A process nobody could find again after a restart must not run on unseen. The record of
      // it starting stays: a retry starts the task again if the shell was killed before it wrote
      // its pid, and otherwise finds it ended.
      ProcessTree.stop(agent, process.toHandle(), Duration.ZERO);
      throw e;
    }

    started.put(agent, process);
    process.onExit().thenAccept(exited -> recordExit(agent, exited.exitValue()));
    log.info("agent {}: task {} started as pid {} in {}", agent, taskId, process.pid(), workspace);
    return taskId;
  }

  /**
   * How the agent's task is doing: {@code running} while its process lives, ended once it has
   * exited, or failed when the process is gone and its end cannot be known. Each poll also keeps
   * the agent's log under its bound ({@link LogCap}).
   *
   * @throws ControllerException retryable, when the task's record could not be read
   */
  @Override
  public TaskProgress pollTask(Agent agent) {
    // The reason an ended task gives is read first: a trim keeps the log's end, but output written
    // in the instant of its cut would be lost.
    TaskProgress progress = progressOf(agent);
    capLog(agent.id());
    return progress;
  }

  private TaskProgress progressOf(Agent agent) {
    Process process = started.get(agent.id());
    if (process != null) {
      return process.isAlive() ? RUNNING : exited(agent.id(), process.exitValue());
    }

    AgentFiles files = filesOf(agent.id());
    try {
      Optional<TaskRecord> record = TaskRecord.read(files.taskRecord());
      if (record.isEmpty()) {
        log.warn("agent {}: no task of it is recorded under {}", agent.id(), settings.dataDir());
        return Endings.gone();
      }
      return fromRecord(agent.id(), record.get(), files);
    } catch (IOException e) {
      // The tracker asks again next round without a word, so the reason is said here.
      log.warn(
          "agent {}: could not read its task's files, asking again: {}", agent.id(), e.toString());
      throw ControllerException.retryable(
          "could not read the task record of agent " + agent.id() + ": " + e.getMessage(), e);
    }
  }

  private TaskProgress fromRecord(AgentId agent, TaskRecord recorded, AgentFiles files)
      throws IOException {
    if (recorded.dryRun()) {
      return Endings.dryRun();
    }
    TaskRecord record =
        recorded.pid() == null ? startedAsItsShellSays(agent, recorded, files) : recorded;
    Integer exitCode = record.exitCode();
    if (exitCode != null) {
      return exited(agent, exitCode);
    }
    if (record.exitUnknown()) {
      return Endings.exitUnknown();
    }

    if (record.liveProcess().isPresent()) {
      if (adopted.add(agent)) {
        log.info("agent {}: pid {}, started before the restart, still runs", agent, record.pid());
      }
      return RUNNING;
    }

    boolean wasAdopted = adopted.remove(agent);
    OptionalInt written = writtenExit(agent, files);
    if (written.isPresent()) {
      record.withExit(written.getAsInt()).write(files.taskRecord());
      log.info(
          "agent {}: pid {}, started before the restart, exited with status {}",
          agent,
          record.pid(),
          written.getAsInt());
      return exited(agent, written.getAsInt());
    }
    if (wasAdopted) {
      record.withUnknownExit().write(files.taskRecord());
      log.warn(
          "agent {}: pid {}, started before the restart, has ended without recording its exit"
              + " status",
          agent,
          record.pid());
      return Endings.exitUnknown();
    }
    log.warn("agent {}: pid {} is gone after a restart", agent, record.pid());
    return Endings.gone(logTail(agent));
  }

  /**
   * The record of a task whose runner crashed between starting its process and recording its pid,
   * completed from the pid the task's shell wrote as it started; {@code record} itself when the
   * shell wrote none, because it never ran. A live process counts as the shell only if it started
   * within a few seconds of that file; otherwise the pid alone is recorded, and the task ends by
   * its exit status file or as gone.
   */
  private static TaskRecord startedAsItsShellSays(
      AgentId agent, TaskRecord record, AgentFiles files) throws IOException {
    OptionalLong shell = numberIn(agent, files.shellPid());
    if (shell.isEmpty()) {
      return record;
    }
    long pid = shell.getAsLong();
    Instant written = Files.getLastModifiedTime(files.shellPid()).toInstant();
    TaskRecord found =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(process -> startedNear(process, written))
            .map(process -> TaskRecord.started(record.taskId(), record.idempotencyKey(), process))
            .orElseGet(() -> record.withPid(pid));
    found.write(files.taskRecord());
    log.info("agent {}: its task's shell, pid {}, had started before the restart", agent, pid);
    return found;
  }

  private static boolean startedNear(ProcessHandle process, Instant written) {
    return process
        .info()
        .startInstant()
        .filter(start -> Duration.between(start, written).abs().compareTo(SHELL_PID_TOLERANCE) <= 0)
        .isPresent();
  }

  /**
   * The exit status the task's shell wrote when the command ended (see {@link AgentLauncher});
   * empty when it wrote none, as when it was killed.
   */
  private static OptionalInt writtenExit(AgentId agent, AgentFiles files) throws IOException {
    OptionalLong status = numberIn(agent, files.exitStatus());
    return status.isPresent() ? OptionalInt.of((int) status.getAsLong()) : OptionalInt.empty();
  }

  /**
   * The number a task's shell wrote to {@code file}: its pid, or its command's exit status. Empty
   * when there is no such file, or it holds no number, which is logged.
   */
  private static OptionalLong numberIn(AgentId agent, Path file) throws IOException {
    if (!PlainFiles.isPresent(file)) {
      return OptionalLong.empty();
    }
    String text = Files.readString(file, UTF_8).strip();
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      log.warn("agent {}: {} holds no number", agent, file);
      return OptionalLong.empty();
    }
  }

  /** Trims the agent's log when it has outgrown its bound; a failure only costs a warning. */
  private void capLog(AgentId agent) {
    try {
      long dropped = LogCap.trim(filesOf(agent).log(), settings.logMaxBytes());
      if (dropped > 0) {
        log.info(
            "agent {}: its log passed {} bytes; about {} bytes of its middle were dropped",
            agent,
            settings.logMaxBytes(),
            dropped);
      }
    } catch (IOException e) {
      log.warn(
          "agent {}: could not keep its log under {} bytes: {}",
          agent,
          settings.logMaxBytes(),
          e.toString());
    }
  }

  private TaskProgress.Ended exited(AgentId agent, int code) {
    return Endings.exited(code, code == 0 ? "" : logTail(agent));
  }

  /** The last lines of the agent's log, for a failure's reason; empty when there are none. */
  private String logTail(AgentId agent) {
    Path agentLog = filesOf(agent).log();
    try {
      return LogTail.read(agentLog, settings.logTailLines(), MAX_REASON_CHARS);
    } catch (IOException e) {
      log.warn("agent {}: could not read the end of its log: {}", agent, e.toString());
      return "";
    }
  }

  private void recordExit(AgentId agent, int code) {
    // Under the lock close() takes, so that no record is half written once close() returns.
    synchronized (recording) {
      if (closed) {
        return;
      }

      AgentFiles files = filesOf(agent);
      try {
        Optional<TaskRecord> record = TaskRecord.read(files.taskRecord());
        if (record.isPresent()) {
          record.get().withExit(code).write(files.taskRecord());
        }
        started.remove(agent);
        log.info("agent {}: its process exited with status {}", agent, code);
      } catch (IOException | RuntimeException e) {
        // The process stays in memory, so polls still see its exit; only a restart would lose it.
        log.warn("agent {}: could not record that its process exited with {}", agent, code, e);
      }
    }
  }

  @Override
  public boolean canStop() {
    return true;
  }

  /**
   * Stops the agent's process and everything it started: asks them to stop, then kills those still
   * alive after five seconds. Returns at once and never throws. Does nothing when no process of the
   * agent runs, which includes a dry run.
   */
  @Override
  public void stop(Agent agent) {
    adopted.remove(agent.id());
    try {
      Optional<ProcessHandle> process = liveProcessOf(agent.id());
      if (process.isPresent()) {
        log.info("agent {}: stopping pid {} and its descendants", agent.id(), process.get().pid());
        stopWithGrace(agent.id(), process.get());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("agent {}: could not stop its process", agent.id(), e);
    }
  }

  // Under the lock closing takes: a stop is either among those the close kills, or it sees the
  // runner closed and kills at once, since no runner is left to end its grace.
  private void stopWithGrace(AgentId agent, ProcessHandle process) {
    Path mark = filesOf(agent).stopping();
    markStopping(agent, mark);
    synchronized (stopLock) {
      ProcessTree.Stopping stop = ProcessTree.stop(agent, process, stopGrace);
      if (closed) {
        stop.ended().whenComplete((ended, failure) -> unmarkStopping(agent, mark));
        stop.killNow();
        return;
      }
      stopping.put(agent, stop);
      stop.ended().whenComplete((ended, failure) -> stopEnded(agent, stop, mark));
    }
  }

  /**
   * Forgets a stop that ended. The mark on disk goes with the agent's last stop: an earlier one
   * ending must not take it from a later one still in its grace.
   */
  private void stopEnded(AgentId agent, ProcessTree.Stopping stop, Path mark) {
    synchronized (stopLock) {
      stopping.remove(agent, stop);
      if (stopping.containsKey(agent)) {
        return;
      }
    }
    unmarkStopping(agent, mark);
  }

  /**
   * Notes on disk that the agent's processes are being stopped, so that a runner started after a
   * crash within the grace finishes the stop: the kill that ends the grace is held in memory.
   */
  private static void markStopping(AgentId agent, Path mark) {
    try {
      Files.createDirectories(mark.getParent());
      Files.write(mark, new byte[0]);
    } catch (IOException e) {
      log.warn("agent {}: could not note that it is being stopped, at {}", agent, mark, e);
    }
  }

  private static void unmarkStopping(AgentId agent, Path mark) {
    try {
      Files.deleteIfExists(mark);
    } catch (IOException e) {
      log.warn("agent {}: could not remove {}, its stop being over", agent, mark, e);
    }
  }

  /**
   * Stops again, with a grace of their own, the processes of agents an earlier runner on this data
   * directory was stopping when it ended without closing (a crash, a SIGKILL).
   */
  private void finishEarlierStops() {
    Path stops = AgentFiles.stopsOf(settings.dataDir());
    if (!Files.isDirectory(stops)) {
      return;
    }
    List<Path> marks;
    try (Stream<Path> files = Files.list(stops)) {
      marks = files.collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      log.warn("local runner: could not look for stops left unfinished under {}", stops, e);
      return;
    }
    marks.forEach(this::finishEarlierStop);
  }

  private void finishEarlierStop(Path mark) {
    try {
      finishEarlierStop(new AgentId(mark.getFileName().toString()), mark);
    } catch (IOException | RuntimeException e) {
      log.warn("local runner: could not finish the stop {} notes", mark, e);
    }
  }

  private void finishEarlierStop(AgentId agent, Path mark) throws IOException {
    Optional<ProcessHandle> process =
        TaskRecord.read(filesOf(agent).taskRecord()).flatMap(TaskRecord::liveProcess);
    if (process.isEmpty()) {
      unmarkStopping(agent, mark);
      return;
    }
    log.warn(
        "agent {}: pid {} was being stopped when the service ended, and still runs; stopping it"
            + " again",
        agent,
        process.get().pid());
    stopWithGrace(agent, process.get());
  }

  private Optional<ProcessHandle> liveProcessOf(AgentId agent) throws IOException {
    Process process = started.get(agent);
    if (process != null) {
      return Optional.of(process.toHandle()).filter(ProcessHandle::isAlive);
    }
    return TaskRecord.read(filesOf(agent).taskRecord()).flatMap(TaskRecord::liveProcess);
  }

  /**
   * Forgets the processes in memory without stopping them: agents keep running, and a runner
   * started later on the same data directory finds them from their records. After closing, this
   * runner records no more exits. Processes of a stopped agent still within their grace are killed
   * now: the kill that would have ended the grace is this runner's, and it is going.
   */
  @Override
  public void close() {
    List<ProcessTree.Stopping> graces;
    synchronized (stopLock) {
      synchronized (recording) {
        closed = true;
      }
      graces = List.copyOf(stopping.values());
    }
    if (!graces.isEmpty()) {
      log.info("local runner: closing; killing what {} stopped agents left running", graces.size());
      graces.forEach(ProcessTree.Stopping::killNow);
    }
    int running = (int) started.values().stream().filter(Process::isAlive).count();
    started.clear();
    adopted.clear();
    log.info("local runner: closed; {} agent processes it started keep running", running);
  }

  /**
   * Where the task runs: the workspace of the agent whose session it was given, so that a follow-up
   * works on what the agent it follows did; its own, when it has its own session or that workspace
   * is gone.
   */
  private Path sessionWorkspace(TaskRequest request, AgentFiles files) {
    String session = request.sessionId();
    if (!session.startsWith(SESSION_PREFIX)) {
      return files.workspace();
    }
    AgentId owner;
    try {
      owner = new AgentId(session.substring(SESSION_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return files.workspace();
    }
    Path workspace = filesOf(owner).workspace();
    return Files.isDirectory(workspace) ? workspace : files.workspace();
  }

  private AgentFiles filesOf(AgentId agent) {
    return AgentFiles.of(settings.dataDir(), agent);
  }

  private static String taskIdOf(AgentId agent) {
    return "task-" + agent;
  }
}
