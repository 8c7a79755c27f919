package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.StoreException;
import io.webhookagents.ports.out.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves pending agents on at the controller: a session first, then the task, committing each step
 * before the next is tried.
 *
 * <p>Work is claimed from the store with a lease, never taken from memory alone, so whatever a
 * crash interrupts is claimed again once the lease runs out (or at the next start) and resumes at
 * its last committed step. An agent that has a session is never given a second one. Each call's
 * idempotency key is derived from the agent and the step, so a call repeated after a crash is the
 * same call to the controller.
 *
 * <p>Threading is the caller's: {@link #claimDue} and {@link #advance} may be called from many
 * threads at once, and {@link #advance} blocks on the controller.
 */
public final class AgentDispatch {
  private final AgentStore store;
  private final AgentController controller;
  private final Clock clock;
  private final RetryPolicy retries;
  private final LifecycleListener listener;
  private final DispatchSettings settings;
  // Pending agents claimed and not yet moved on: soon active, though the store does not count
  // them as such yet.
  private final Set<AgentId> starting = ConcurrentHashMap.newKeySet();

  public AgentDispatch(
      AgentStore store,
      AgentController controller,
      Clock clock,
      RetryPolicy retries,
      LifecycleListener listener,
      DispatchSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Claims agents that are due, at most {@code capacity} of them. Under a limit on active agents,
   * agents that have a session already count as active and are always claimed; pending agents only
   * as far as the limit leaves room, counting those claimed earlier and still being moved on.
   */
  public synchronized List<Agent> claimDue(int capacity) {
    Instant now = clock.now();
    Instant leaseUntil = now.plus(settings.lease());
    int max = settings.maxConcurrentAgents();
    if (max <= 0) {
      return store.claimForDispatch(capacity, settings.owner(), now, leaseUntil);
    }

    List<Agent> claimed =
        new ArrayList<>(
            store.claimForDispatch(
                AgentStatus.SESSION_CREATED, capacity, settings.owner(), now, leaseUntil));
    try {
      int room = Math.min(capacity - claimed.size(), max - store.countActive() - starting.size());
      if (room > 0) {
        List<Agent> pending =
            store.claimForDispatch(AgentStatus.PENDING, room, settings.owner(), now, leaseUntil);
        pending.forEach(agent -> starting.add(agent.id()));
        claimed.addAll(pending);
      }
    } catch (RuntimeException storeFailed) {
      if (claimed.isEmpty()) {
        throw storeFailed;
      }
      // Those already claimed are leased to this process: handed out, not left for the lease to
      // run out. The pending ones are tried again at the next claim, which fails the same way.
    }
    return claimed;
  }

  /** Gives up every lease; for a process that starts as the store's only user. */
  public int releaseAllLeases() {
    return store.releaseAllLeases();
  }

  /**
   * Takes a claimed agent as far as it can go now. Returns its state afterwards: running, ended, or
   * waiting for a retry.
   */
  public Agent advance(Agent claimed) {
    try {
      return advanceClaimed(claimed);
    } finally {
      starting.remove(claimed.id());
    }
  }

  private Agent advanceClaimed(Agent claimed) {
    Agent agent = claimed;
    try {
      if (agent.status() == AgentStatus.PENDING && agent.sessionId() != null) {
        agent = commit(agent.sessionReused(clock.now()));
      } else if (agent.status() == AgentStatus.PENDING) {
        agent = createSession(agent);
      }
      if (agent.status() == AgentStatus.SESSION_CREATED) {
        agent = submitTask(agent);
      }
      return agent;
    } catch (ControllerException e) {
      return afterFailure(agent, e);
    } catch (StaleAgentException e) {
      store.releaseLease(agent.id(), settings.owner());
      if (e.current.status().isFinal()) {
        // Ended (cancelled, failed from outside) while its call was in flight: the stop that came
        // with the end may have found nothing yet, and what the call started must not run on.
        controller.stop(e.current);
      }
      return e.current;
    } catch (RuntimeException e) {
      // Leave the agent to be claimed again rather than holding it until the lease runs out.
      store.releaseLease(agent.id(), settings.owner());
      throw e;
    }
  }

  private Agent createSession(Agent agent) {
    String key = agent.id() + ":create-session";
    String description = "Webhook agent for " + agent.repo();
    String sessionId =
        controller.createSession(new SessionRequest(agent.id(), agent.repo(), description, key));
    try {
      return commit(agent.sessionCreated(sessionId, clock.now()));
    } catch (StoreException e) {
      throw unrecorded("session " + sessionId, agent, key, e);
    }
  }

  /**
   * The store failed to record what the controller made: its id is said here, since the agent's row
   * will not have it, and the next attempt asks for it again.
   */
  private static StoreException unrecorded(String made, Agent agent, String key, StoreException e) {
    return new StoreException(
        "the controller made "
            + made
            + " for agent "
            + agent.id()
            + " but it could not be recorded; the next attempt asks again with Idempotency-Key "
            + key
            + ": "
            + e.getMessage(),
        e);
  }

  private Agent submitTask(Agent agent) {
    String key = agent.id() + ":submit-task";
    String sessionId = Objects.requireNonNull(agent.sessionId(), "session of " + agent.id());
    String taskId =
        controller.submitTask(
            new TaskRequest(agent.id(), agent.repo(), sessionId, agent.prompt(), key));
    try {
      return commit(agent.taskSubmitted(taskId, clock.now()));
    } catch (StoreException e) {
      throw unrecorded("task " + taskId, agent, key, e);
    } catch (StaleAgentException e) {
      if (e.current.status().isFinal()) {
        // The row will never name this task: an operator must hear of it to find it.
        listener.taskAfterEnd(e.current, taskId, controller.canStop());
      }
      throw e;
    }
  }

  /** Why no attempt is left: the attempts spent, or the deadline that the wait would pass. */
  private String whyGivenUp(Agent agent, Duration age) {
    String attempts = agent.attempts() == 1 ? "1 attempt" : agent.attempts() + " attempts";
    if (agent.attempts() >= retries.maxAttempts()) {
      return "gave up after " + attempts;
    }
    return "gave up after "
        + attempts
        + ": the next would come past DISPATCH_RETRY_DEADLINE, "
        + DurationWords.of(retries.deadline())
        + " after the agent was created ("
        + DurationWords.of(age.withNanos(0))
        + " ago)";
  }

  private Agent afterFailure(Agent agent, ControllerException failure) {
    Instant now = clock.now();
    String error = String.valueOf(failure.getMessage());
    if (!failure.retryable()) {
      return commitOrCurrent(agent.failed(error, now));
    }

    Duration age = Duration.between(agent.createdAt(), now);
    Optional<Duration> delay = retries.delayAfter(agent.attempts(), age, failure.retryAfter());
    if (delay.isEmpty()) {
      return commitOrCurrent(agent.failed(error + " (" + whyGivenUp(agent, age) + ")", now));
    }

    Instant notBefore = now.plus(delay.get());
    AgentChange change =
        agent.attemptFailed(
            error,
            "attempt " + (agent.attempts() + 1) + " in " + delay.get().toMillis() + " ms",
            now);
    if (!store.scheduleRetry(change, notBefore)) {
      return current(agent);
    }
    listener.retryScheduled(change, notBefore);
    return change.after();
  }

  private Agent commit(AgentChange change) {
    if (!store.apply(change)) {
      throw new StaleAgentException(current(change.before()));
    }
    listener.changed(change);
    return change.after();
  }

  private Agent commitOrCurrent(AgentChange change) {
    if (!store.apply(change)) {
      store.releaseLease(change.before().id(), settings.owner());
      return current(change.before());
    }
    listener.changed(change);
    return change.after();
  }

  private Agent current(Agent stale) {
    return store.find(stale.id()).orElse(stale);
  }

  /** The agent was changed by someone else (a cancel, say) while a call was in flight. */
  private static final class StaleAgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Agent current;

    StaleAgentException(Agent current) {
      super("agent " + current.id() + " is now " + current.status(), null, false, false);
      this.current = current;
    }
  }
}
