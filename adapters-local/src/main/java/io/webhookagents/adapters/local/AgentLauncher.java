package io.webhookagents.adapters.local;

import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@code AGENT_COMMAND} for one task: through {@code /bin/sh -c}, in its session's
 * workspace, with the prompt on standard input and the output appended to the agent's log.
 *
 * <p>The prompt reaches the process only as data: standard input is the prompt file itself, so the
 * shell never parses it, and no pipe can fill up while the command is not reading. Output goes
 * straight to the log file, so no thread of ours copies it, and the process keeps running (and
 * logging) when the orchestrator stops.
 *
 * <p>The process started is a small shell that runs the command in a shell of its own, then writes
 * the command's exit status to the agent's {@link AgentFiles#exitStatus} file and exits with it. An
 * orchestrator restarted meanwhile is not the process's parent and could not learn that status
 * otherwise. The command runs in a child shell so that an {@code exit} in it ends only that shell.
 */
final class AgentLauncher {
  // $1 is the command, $2 the exit status file and $3 the file for this shell's own pid, written
  // first: a runner that crashed before it recorded the pid finds it there. Each is written whole,
  // then moved into place, so a reader never sees half of one. The trap keeps this shell alive
  // through a SIGTERM, SIGINT or SIGHUP sent to its whole process group (a service manager's stop,
  // a terminal's Ctrl-C), so that it records what the command did with the signal; an ignored
  // signal would be ignored by the command too, which a handler is not.
  private static final String RECORDING_EXIT =
      "printf '%s\\n' \"$$\" > \"$3.tmp\" && mv -f \"$3.tmp\" \"$3\";"
          + " trap : TERM INT HUP; /bin/sh -c \"$1\"; status=$?;"
          + " printf '%s\\n' \"$status\" > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\";"
          + " exit \"$status\"";

  /**
   * The orchestrator's own credentials. An agent has no use for them, and a prompt written by an
   * outside party could talk it into printing them, so they are removed from its environment. This
   * is no wall: a process of the same user can read the service's environment from /proc and its
   * database from disk. Agents that must not see them have to run as another user.
   */
  static final Set<String> WITHHELD =
      Set.of(
          "CONTROLLER_API_KEY",
          "GITHUB_WEBHOOK_SECRET",
          "LINEAR_WEBHOOK_SECRET",
          "SLACK_SIGNING_SECRET",
          "ORCHESTRATOR_API_TOKEN");

  // The task's shell leads a process group of its own when this is there, so that a stop reaches
  // every process the command started, even one forked after the stop began; without it (no
  // util-linux), only the processes found in the tree are.
  private static final @Nullable Path SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .map(Path::of)
          .filter(Files::isExecutable)
          .findFirst()
          .orElse(null);

  private final String command;

  AgentLauncher(String command) {
    this.command = Objects.requireNonNull(command, "command");
  }

  /**
   * Starts the task's process in {@code workspace}, its session's; the prompt file must be written
   * and the workspace exist.
   */
  Process start(AgentFiles files, Path workspace, TaskRequest request, String taskId)
      throws IOException {
    Files.createDirectories(files.exitStatus().getParent());
    Files.deleteIfExists(files.exitStatus());
    Files.deleteIfExists(files.shellPid());
    List<String> shell =
        List.of(
            "/bin/sh",
            "-c",
            RECORDING_EXIT,
            "agent",
            command,
            files.exitStatus().toString(),
            files.shellPid().toString());
    ProcessBuilder builder =
        new ProcessBuilder(SETSID == null ? shell : prefixed(SETSID.toString(), shell))
            .directory(workspace.toFile())
            .redirectInput(files.prompt().toFile())
            .redirectOutput(Redirect.appendTo(files.log().toFile()))
            .redirectErrorStream(true);
    prepareEnvironment(builder.environment(), files, request, taskId);
    return builder.start();
  }

  /** True when tasks run in process groups of their own. */
  static boolean groupsTasks() {
    return SETSID != null;
  }

  private static List<String> prefixed(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Turns the service's environment, in place, into the one an agent's process gets. */
  static void prepareEnvironment(
      Map<String, String> environment, AgentFiles files, TaskRequest request, String taskId) {
    environment.keySet().removeAll(WITHHELD);

    environment.put("AGENT_ID", request.agentId().value());
    environment.put("AGENT_REPO", request.repo());
    environment.put("AGENT_SESSION_ID", request.sessionId());
    environment.put("AGENT_TASK_ID", taskId);
    environment.put("AGENT_PROMPT_FILE", files.prompt().toString());
  }
}
