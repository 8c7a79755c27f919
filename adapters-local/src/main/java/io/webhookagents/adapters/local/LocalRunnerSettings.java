package io.webhookagents.adapters.local;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the local runner runs agents.
 *
 * @param dataDir where the runner keeps its files: each agent's workspace under {@code
 *     <dataDir>/workspaces} and the runner's record of each task under {@code <dataDir>/tasks};
 *     made absolute, so that the paths agents are given work from their workspace
 * @param agentCommand the shell command run for each task, or null for a dry run; a blank command
 *     counts as none. It may carry a credential, so {@link #toString} never shows it
 * @param logTailLines how many of the last lines of a failed task's log its reason quotes; zero
 *     quotes none
 * @param logMaxBytes the size past which an agent's log loses its middle (see {@link LogCap}),
 *     checked each time the service asks how the agent's task is doing
 * @throws IllegalArgumentException when {@code logTailLines} is negative or {@code logMaxBytes}
 *     below {@value #MIN_LOG_MAX_BYTES}
 */
public record LocalRunnerSettings(
    Path dataDir, @Nullable String agentCommand, int logTailLines, long logMaxBytes) {

  public static final int DEFAULT_LOG_TAIL_LINES = 20;
  public static final long DEFAULT_LOG_MAX_BYTES = 64L * 1024 * 1024;

  /** The smallest bound on a log: room for its start, its end and the line between. */
  public static final long MIN_LOG_MAX_BYTES = 1024L * 1024;

  public LocalRunnerSettings {
    dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    if (agentCommand != null && agentCommand.isBlank()) {
      agentCommand = null;
    }
    if (logTailLines < 0) {
      throw new IllegalArgumentException("logTailLines must not be negative, was " + logTailLines);
    }
    if (logMaxBytes < MIN_LOG_MAX_BYTES) {
      throw new IllegalArgumentException(
          "logMaxBytes must be at least " + MIN_LOG_MAX_BYTES + ", was " + logMaxBytes);
    }
  }

  /**
   * Settings that quote the last {@value #DEFAULT_LOG_TAIL_LINES} log lines of a failed task and
   * keep each log under {@code logMaxBytes}.
   */
  public static LocalRunnerSettings of(
      Path dataDir, @Nullable String agentCommand, long logMaxBytes) {
    return new LocalRunnerSettings(dataDir, agentCommand, DEFAULT_LOG_TAIL_LINES, logMaxBytes);
  }

  /** As {@link #of(Path, String, long)}, with logs kept under 64 MiB. */
  public static LocalRunnerSettings of(Path dataDir, @Nullable String agentCommand) {
    return of(dataDir, agentCommand, DEFAULT_LOG_MAX_BYTES);
  }

  /** True when no command is set: tasks only write their prompt to the log. */
  public boolean dryRun() {
    return agentCommand == null;
  }

  @Override
  public String toString() {
    return "LocalRunnerSettings[dataDir="
        + dataDir
        + ", agentCommand="
        + (dryRun() ? "<unset>" : "<set>")
        + ", logTailLines="
        + logTailLines
        + ", logMaxBytes="
        + logMaxBytes
        + "]";
  }
}
