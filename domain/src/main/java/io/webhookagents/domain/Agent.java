package io.webhookagents.domain;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A coding agent started for one webhook delivery, as the orchestrator tracks it.
 *
 * <p>Instances are immutable. Every change goes through a method that checks the lifecycle and
 * returns an {@link AgentChange}: the agent before, the agent after and the timeline line that
 * records it, so a store can persist all three together.
 *
 * @param attempts how many times dispatch has taken this agent up to start it at the controller
 * @param lastError why the latest attempt failed, or why the agent ended failed; null when none
 *     has, and again once a later attempt got the agent a step further (the timeline keeps them
 *     all)
 */
public record Agent(
    AgentId id,
    Source source,
    String webhookEvent,
    @Nullable String action,
    String deliveryId,
    String repo,
    String subject,
    @Nullable String url,
    String prompt,
    AgentStatus status,
    @Nullable String sessionId,
    @Nullable String taskId,
    int attempts,
    @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt) {

  public Agent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(webhookEvent, "webhookEvent");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** The controller accepted the session: the agent now waits for its task to be submitted. */
  public AgentChange sessionCreated(String newSessionId, Instant at) {
    Objects.requireNonNull(newSessionId, "newSessionId");
    checkMove(AgentStatus.SESSION_CREATED);
    Agent after = with(AgentStatus.SESSION_CREATED, newSessionId, taskId, attempts, null, at);
    return new AgentChange(this, after, event(after, "session " + newSessionId + " created"));
  }

  /**
   * A follow-up agent, created with the session of an agent still running on the same subject,
   * takes that session over instead of asking for a new one.
   */
  public AgentChange sessionReused(Instant at) {
    if (sessionId == null) {
      throw new IllegalStateException("agent " + id + " has no session to reuse");
    }
    checkMove(AgentStatus.SESSION_CREATED);
    Agent after = with(AgentStatus.SESSION_CREATED, sessionId, taskId, attempts, lastError, at);
    return new AgentChange(this, after, event(after, "follows up on session " + sessionId));
  }

  /** A copy for a follow-up on {@code session}: still pending, but with the session to reuse. */
  public Agent withSessionToReuse(String session) {
    if (status != AgentStatus.PENDING) {
      throw new IllegalTransitionException(id, status, AgentStatus.SESSION_CREATED);
    }
    return with(status, session, taskId, attempts, lastError, updatedAt);
  }

  /** The controller accepted the task: the agent is running. */
  public AgentChange taskSubmitted(String newTaskId, Instant at) {
    Objects.requireNonNull(newTaskId, "newTaskId");
    checkMove(AgentStatus.RUNNING);
    Agent after = with(AgentStatus.RUNNING, sessionId, newTaskId, attempts, null, at);
    return new AgentChange(this, after, event(after, "task " + newTaskId + " submitted"));
  }

  /** The agent finished successfully. */
  public AgentChange completed(@Nullable String detail, Instant at) {
    checkMove(AgentStatus.COMPLETED);
    Agent after = with(AgentStatus.COMPLETED, sessionId, taskId, attempts, lastError, at);
    return new AgentChange(this, after, event(after, detail));
  }

  /** The agent cannot go on; {@code reason} becomes its {@code lastError}. */
  public AgentChange failed(String reason, Instant at) {
    Objects.requireNonNull(reason, "reason");
    checkMove(AgentStatus.FAILED);
    Agent after = with(AgentStatus.FAILED, sessionId, taskId, attempts, reason, at);
    return new AgentChange(this, after, event(after, reason));
  }

  /** Somebody or something stopped the agent; {@code reason} says who or what. */
  public AgentChange cancelled(String reason, Instant at) {
    Objects.requireNonNull(reason, "reason");
    checkMove(AgentStatus.CANCELLED);
    Agent after = with(AgentStatus.CANCELLED, sessionId, taskId, attempts, lastError, at);
    return new AgentChange(this, after, event(after, reason));
  }

  /**
   * An attempt to move the agent on failed in a way that may pass: the status stays, the error is
   * kept, and the timeline says what happened and what comes next.
   */
  public AgentChange attemptFailed(String error, String whatNext, Instant at) {
    Objects.requireNonNull(error, "error");
    if (status.isFinal()) {
      throw new IllegalTransitionException(id, status, status);
    }
    Agent after = with(status, sessionId, taskId, attempts, error, at);
    return new AgentChange(this, after, event(after, error + "; " + whatNext));
  }

  /** A copy that counts one more dispatch attempt. */
  public Agent withAttempt() {
    return with(status, sessionId, taskId, attempts + 1, lastError, updatedAt);
  }

  private void checkMove(AgentStatus next) {
    if (!status.canMoveTo(next)) {
      throw new IllegalTransitionException(id, status, next);
    }
  }

  private Agent with(
      AgentStatus newStatus,
      @Nullable String newSessionId,
      @Nullable String newTaskId,
      int newAttempts,
      @Nullable String newLastError,
      Instant at) {
    return new Agent(
        id,
        source,
        webhookEvent,
        action,
        deliveryId,
        repo,
        subject,
        url,
        prompt,
        newStatus,
        newSessionId,
        newTaskId,
        newAttempts,
        newLastError,
        createdAt,
        at);
  }

  private static StatusEvent event(Agent after, @Nullable String detail) {
    return new StatusEvent(after.status(), after.updatedAt(), detail);
  }
}
