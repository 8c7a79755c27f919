package io.webhookagents.adapters.local;

import io.webhookagents.domain.AgentId;
import java.nio.file.Path;

/**
 * Where one agent's files live.
 *
 * <p>The workspace belongs to the agent: it is its working directory and it may change or delete
 * anything there. The task record is the runner's own and lives outside the workspace, so that an
 * agent cleaning up its directory cannot make the runner forget its process. Agent ids hold only
 * letters, digits, {@code -} and {@code _}, so they are safe as file names.
 *
 * @param workspace the agent's working directory, {@code <dataDir>/workspaces/<agentId>}
 * @param prompt the prompt, as the agent reads it, {@code <workspace>/prompt.txt}
 * @param log the agent's standard output and error, {@code <workspace>/agent.log}
 * @param taskRecord the runner's record of the task, {@code <dataDir>/tasks/<agentId>.properties}
 * @param exitStatus the task's exit status, written by the shell that ran it when it ended, {@code
 *     <dataDir>/tasks/<agentId>.exit}
 * @param stopping there while the runner is stopping the task's processes, {@code
 *     <dataDir>/tasks/stopping/<agentId>}: a directory of its own, which a runner reads as it
 *     starts and which is empty but for a crash within a stop
 * @param shellPid the process id of the task's shell, written by the shell itself as it starts,
 *     {@code <dataDir>/tasks/<agentId>.pid}
 */
record AgentFiles(
    Path workspace,
    Path prompt,
    Path log,
    Path taskRecord,
    Path exitStatus,
    Path stopping,
    Path shellPid) {
  /** Where the runner keeps its records of tasks. */
  static Path tasksOf(Path dataDir) {
    return dataDir.resolve("tasks");
  }

  /** Where the runner notes the stops under way, one empty file named by each agent's id. */
  static Path stopsOf(Path dataDir) {
    return tasksOf(dataDir).resolve("stopping");
  }

  static AgentFiles of(Path dataDir, AgentId agent) {
    Path workspace = dataDir.resolve("workspaces").resolve(agent.value());
    Path tasks = tasksOf(dataDir);
    return new AgentFiles(
        workspace,
        workspace.resolve("prompt.txt"),
        workspace.resolve("agent.log"),
        tasks.resolve(agent.value() + ".properties"),
        tasks.resolve(agent.value() + ".exit"),
        stopsOf(dataDir).resolve(agent.value()),
        tasks.resolve(agent.value() + ".pid"));
  }
}
