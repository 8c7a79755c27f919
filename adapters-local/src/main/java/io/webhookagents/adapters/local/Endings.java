package io.webhookagents.adapters.local;

import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.TaskProgress;

/** How the local runner words the ways a task can end. */
final class Endings {
  static final String GONE =
      "the agent's process is gone after a restart and recorded no exit status";
  static final String EXIT_UNKNOWN =
      "the agent's process, started before the orchestrator restarted, has ended without"
          + " recording its exit status (killed?)";
  static final String DRY_RUN = "dry run: no AGENT_COMMAND set";

  private Endings() {}

  /** The process exited with {@code code}; a failure quotes {@code logTail}, when there is one. */
  static TaskProgress.Ended exited(int code, String logTail) {
    if (code == 0) {
      return new TaskProgress.Ended(AgentStatus.COMPLETED, "exit 0");
    }
    String detail = logTail.isEmpty() ? "exit " + code : "exit " + code + ": " + logTail;
    return new TaskProgress.Ended(AgentStatus.FAILED, detail);
  }

  static TaskProgress.Ended gone() {
    return gone("");
  }

  /** Gone, quoting {@code logTail}, when there is one: it may say why no status was recorded. */
  static TaskProgress.Ended gone(String logTail) {
    return new TaskProgress.Ended(
        AgentStatus.FAILED, logTail.isEmpty() ? GONE : GONE + ": " + logTail);
  }

  static TaskProgress.Ended exitUnknown() {
    return new TaskProgress.Ended(AgentStatus.FAILED, EXIT_UNKNOWN);
  }

  static TaskProgress.Ended dryRun() {
    return new TaskProgress.Ended(AgentStatus.COMPLETED, DRY_RUN);
  }
}
