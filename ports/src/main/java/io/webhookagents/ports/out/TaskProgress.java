package io.webhookagents.ports.out;

import io.webhookagents.domain.AgentStatus;
import java.util.Objects;

/** What asking after a running task found. */
public sealed interface TaskProgress
    permits TaskProgress.Reported, TaskProgress.Ended, TaskProgress.Untrackable {

  /**
   * The controller answered with its word for the task's state, e.g. {@code running} or {@code
   * succeeded}; {@link io.webhookagents.domain.TaskWords} says what it means.
   */
  record Reported(String word) implements TaskProgress {
    public Reported {
      Objects.requireNonNull(word, "word");
    }
  }

  /** The task has ended as {@code outcome}; {@code detail} says how, e.g. an exit code. */
  record Ended(AgentStatus outcome, String detail) implements TaskProgress {
    public Ended {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
      if (!outcome.isFinal()) {
        throw new IllegalArgumentException("a task ends final, not " + outcome);
      }
    }
  }

  /**
   * This controller cannot be asked about tasks (it answered {@code 404} or {@code 405}); asking
   * again will not change that. Agents then end by callback or by the maximum run time.
   */
  record Untrackable(String reason) implements TaskProgress {
    public Untrackable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
