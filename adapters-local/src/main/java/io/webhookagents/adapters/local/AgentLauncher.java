package io.webhookagents.adapters.local;

import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Starts {@code AGENT_COMMAND} for one task: through {@code /bin/sh -c}, in the agent's workspace,
 * with the prompt on standard input and the output appended to the agent's log.
 *
 * <p>The prompt reaches the process only as data: standard input is the prompt file itself, so the
 * shell never parses it, and no pipe can fill up while the command is not reading. Output goes
 * straight to the log file, so no thread of ours copies it, and the process keeps running (and
 * logging) when the orchestrator stops.
 */
final class AgentLauncher {
  /**
   * The orchestrator's own credentials. An agent has no use for them, and a prompt written by an
   * outside party could talk it into printing them, so they are removed from its environment.
   */
  static final Set<String> WITHHELD =
      Set.of(
          "CONTROLLER_API_KEY",
          "GITHUB_WEBHOOK_SECRET",
          "LINEAR_WEBHOOK_SECRET",
          "SLACK_SIGNING_SECRET",
          "ORCHESTRATOR_API_TOKEN");

  private final String command;

  AgentLauncher(String command) {
    this.command = Objects.requireNonNull(command, "command");
  }

  /** Starts the task's process; the prompt file must be written and the workspace exist. */
  Process start(AgentFiles files, TaskRequest request, String taskId) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(files.workspace().toFile())
            .redirectInput(files.prompt().toFile())
            .redirectOutput(Redirect.appendTo(files.log().toFile()))
            .redirectErrorStream(true);
    prepareEnvironment(builder.environment(), files, request, taskId);
    return builder.start();
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
