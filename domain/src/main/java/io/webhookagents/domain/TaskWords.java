package io.webhookagents.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a controller's word for a task's state means for the agent. Controllers differ in their
 * vocabulary, so common synonyms are accepted; case, spaces and hyphens do not matter.
 *
 * <p>{@code running} covers the words for work not yet finished; {@code completed}, {@code failed}
 * and {@code cancelled} end the agent. A word not listed here means nothing: the agent stays as it
 * is.
 */
public final class TaskWords {
  private static final Map<String, AgentStatus> MEANINGS =
      Map.ofEntries(
          Map.entry("pending", AgentStatus.RUNNING),
          Map.entry("queued", AgentStatus.RUNNING),
          Map.entry("scheduled", AgentStatus.RUNNING),
          Map.entry("starting", AgentStatus.RUNNING),
          Map.entry("started", AgentStatus.RUNNING),
          Map.entry("running", AgentStatus.RUNNING),
          Map.entry("in_progress", AgentStatus.RUNNING),
          Map.entry("working", AgentStatus.RUNNING),
          Map.entry("completed", AgentStatus.COMPLETED),
          Map.entry("complete", AgentStatus.COMPLETED),
          Map.entry("succeeded", AgentStatus.COMPLETED),
          Map.entry("success", AgentStatus.COMPLETED),
          Map.entry("done", AgentStatus.COMPLETED),
          Map.entry("finished", AgentStatus.COMPLETED),
          Map.entry("failed", AgentStatus.FAILED),
          Map.entry("failure", AgentStatus.FAILED),
          Map.entry("error", AgentStatus.FAILED),
          Map.entry("errored", AgentStatus.FAILED),
          Map.entry("timed_out", AgentStatus.FAILED),
          Map.entry("cancelled", AgentStatus.CANCELLED),
          Map.entry("canceled", AgentStatus.CANCELLED),
          Map.entry("aborted", AgentStatus.CANCELLED),
          Map.entry("stopped", AgentStatus.CANCELLED));

  private TaskWords() {}

  /** The status {@code word} stands for, or empty when it is not a word this service knows. */
  public static Optional<AgentStatus> meaningOf(String word) {
    String normal = word.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return Optional.ofNullable(MEANINGS.get(normal));
  }
}
