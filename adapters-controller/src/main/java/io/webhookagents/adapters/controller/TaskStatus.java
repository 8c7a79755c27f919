package io.webhookagents.adapters.controller;

import java.util.Objects;

/**
 * What polling a task found: the controller's word for the task's state, or that the controller
 * does not offer polling at all.
 */
public sealed interface TaskStatus {

  /**
   * The controller reported the task.
   *
   * @param status the state as the controller wrote it, e.g. {@code running} or {@code completed};
   *     which words mean "done" is for the caller to decide
   */
  record Reported(String status) implements TaskStatus {
    public Reported {
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The controller answered {@code 404} or {@code 405}: this controller cannot be polled, and
   * asking again will not change that. The task itself may well exist.
   *
   * @param httpStatus the status it answered
   */
  record PollingUnsupported(int httpStatus) implements TaskStatus {}
}
