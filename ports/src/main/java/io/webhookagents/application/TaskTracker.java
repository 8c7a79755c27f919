package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.TaskWords;
import io.webhookagents.ports.in.AgentQuery;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.TaskProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Follows running agents to their end: ends those that ran longer than the maximum run time, and
 * asks the controller how the others are doing.
 *
 * <p>When the controller turns out to have no task-status endpoint, polling stops, and agents end
 * by callback or by the maximum run time; it is tried again every {@link #POLLING_RETRY}, since a
 * lost task can look the same. A controller that has answered polls before has the endpoint, so a
 * 404 for one task then leaves only that agent to end that way. A status word this service does not
 * know leaves the agent running; each such word is reported once.
 *
 * <p>Time-outs ({@link #endTimedOut}) and polls ({@link #pollOnce}) may run on two threads, so that
 * a controller slow to answer polls does not hold up the maximum run time; neither is safe for
 * concurrent calls of itself.
 */
public final class TaskTracker {
  private static final int PAGE = 200;
  // Polling off is tried again this long after: a round whose only running agent's task the
  // controller had lost looks, on its own, like a controller without the endpoint.
  public static final Duration POLLING_RETRY = Duration.ofMinutes(10);

  private final AgentStore store;
  private final AgentController controller;
  private final Clock clock;
  private final LifecycleListener listener;
  private final Duration maxRuntime;
  private final Executor stopper;
  private final Set<String> unknownWords = ConcurrentHashMap.newKeySet();
  private volatile @Nullable String pollingOffBecause;
  private volatile Instant pollingOffSince = Instant.MIN;
  private volatile boolean pollsAnswered;
  private final Set<AgentId> untrackable = ConcurrentHashMap.newKeySet();

  public TaskTracker(
      AgentStore store,
      AgentController controller,
      Clock clock,
      LifecycleListener listener,
      Duration maxRuntime,
      Executor stopper) {
    this.store = Objects.requireNonNull(store, "store");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.maxRuntime = Objects.requireNonNull(maxRuntime, "maxRuntime");
    this.stopper = Objects.requireNonNull(stopper, "stopper");
  }

  /**
   * What one round found that an operator should hear about.
   *
   * @param untrackedAgents agents whose task the controller, which answers polls for others, said
   *     it does not know (each reported once), with its reason
   * @param pollingResumed polling was off, and a round tried again found the controller answering
   */
  public record Report(
      int ended,
      Set<String> newUnknownWords,
      @Nullable String pollingTurnedOff,
      Map<AgentId, String> untrackedAgents,
      boolean pollingResumed) {}

  /** One round: time-outs first, then a poll of every running agent. */
  public Report trackOnce() {
    int timedOut = endTimedOut();
    Report polled = pollOnce();
    return new Report(
        timedOut + polled.ended(),
        polled.newUnknownWords(),
        polled.pollingTurnedOff(),
        polled.untrackedAgents(),
        polled.pollingResumed());
  }

  /** Asks the controller how every running agent's task is doing, unless polling is off. */
  public Report pollOnce() {
    Round round = new Round();
    boolean wasOff = pollingOffBecause != null;
    if (!wasOff || !clock.now().isBefore(pollingOffSince.plus(POLLING_RETRY))) {
      pollRunning(round);
    }
    if (wasOff && pollingOffBecause != null) {
      // Still off: said when it was first turned off.
      round.turnedOff = null;
    }
    return new Report(
        round.ended,
        round.newWords,
        round.turnedOff,
        round.untracked,
        wasOff && pollingOffBecause == null);
  }

  /** What one round has found so far. */
  private static final class Round {
    int ended;
    final Set<String> newWords = new LinkedHashSet<>();
    @Nullable String turnedOff;
    final Map<AgentId, String> untracked = new LinkedHashMap<>();
    // Agents whose task the controller said it does not know, decided on once the round is over.
    final Map<AgentId, String> unknown = new LinkedHashMap<>();
  }

  /** Ends, as failed, the agents running longer than the maximum run time; returns how many. */
  public int endTimedOut() {
    Instant now = clock.now();
    int ended = 0;
    for (Agent agent : store.runningSince(now.minus(maxRuntime), PAGE)) {
      String reason =
          "timed out: still running after " + DurationWords.of(maxRuntime) + " (AGENT_MAX_RUNTIME)";
      if (commit(agent.failed(reason, now))) {
        stopper.execute(() -> controller.stop(agent));
        ended++;
      }
    }
    return ended;
  }

  /**
   * Polls every running agent, then decides what the tasks the controller said it does not know
   * mean: that it has no status endpoint, when it answered no poll at all, or else that it does not
   * know those tasks. Deciding after the whole round, not at the first such answer, keeps one task
   * the controller lost from turning polling off after a restart, when no answer has been seen yet.
   */
  private void pollRunning(Round round) {
    AgentId before = null;
    while (true) {
      List<Agent> page = store.list(new AgentQuery(AgentStatus.RUNNING, null, null, PAGE, before));
      for (Agent agent : page) {
        poll(agent, round);
      }
      if (page.size() < PAGE) {
        break;
      }
      before = page.get(page.size() - 1).id();
    }

    pollingOffBecause = null;
    if (round.unknown.isEmpty()) {
      return;
    }
    if (!pollsAnswered) {
      round.turnedOff = round.unknown.values().iterator().next();
      pollingOffBecause = round.turnedOff;
      pollingOffSince = clock.now();
      return;
    }
    round.unknown.forEach(
        (agent, reason) -> {
          if (untrackable.add(agent)) {
            round.untracked.put(agent, reason);
          }
        });
  }

  private void poll(Agent agent, Round round) {
    TaskProgress progress;
    try {
      progress = controller.pollTask(agent);
    } catch (ControllerException e) {
      return; // asked again at the next round
    }

    if (progress instanceof TaskProgress.Untrackable untracked) {
      round.unknown.put(agent.id(), untracked.reason());
      return;
    }
    pollsAnswered = true;
    if (progress instanceof TaskProgress.Ended ended) {
      round.ended += end(agent, ended.outcome(), ended.detail());
    } else {
      String word = ((TaskProgress.Reported) progress).word();
      Optional<AgentStatus> meaning = TaskWords.meaningOf(word);
      if (meaning.isEmpty() && unknownWords.add(word)) {
        round.newWords.add(word);
      } else if (meaning.isPresent() && meaning.get() != AgentStatus.RUNNING) {
        round.ended += end(agent, meaning.get(), "the controller reports the task " + word);
      }
    }
  }

  private int end(Agent agent, AgentStatus outcome, String detail) {
    Instant now = clock.now();
    AgentChange change;
    switch (outcome) {
      case COMPLETED:
        change = agent.completed(detail, now);
        break;
      case CANCELLED:
        change = agent.cancelled(detail, now);
        break;
      default:
        change = agent.failed(detail, now);
    }
    return commit(change) ? 1 : 0;
  }

  private boolean commit(AgentChange change) {
    if (!store.apply(change)) {
      return false; // it moved on meanwhile (a callback, a cancel): that end stands
    }
    listener.changed(change);
    return true;
  }
}
