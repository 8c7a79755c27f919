package io.webhookagents.application;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.in.AgentNotFoundException;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.LifecycleListener;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Ends agents on request: outcomes reported from outside, and cancellations. */
public final class AgentOutcomes implements ChangeAgents {
  // The dispatcher may move an agent between our read and our write; a few rereads settle it.
  private static final int MAX_TRIES = 5;

  private final AgentStore store;
  private final Clock clock;
  private final LifecycleListener listener;
  private final AgentController controller;
  private final Executor stopper;

  /**
   * @param stopper runs {@link AgentController#stop} for cancelled agents, off the caller's thread:
   *     stopping a local process may take seconds, and callers include request threads
   */
  public AgentOutcomes(
      AgentStore store,
      Clock clock,
      LifecycleListener listener,
      AgentController controller,
      Executor stopper) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.stopper = Objects.requireNonNull(stopper, "stopper");
  }

  @Override
  public Agent reportOutcome(AgentId id, AgentStatus outcome, @Nullable String detail) {
    // Whatever still runs for an agent reported as ended is stopped: nothing would track it.
    if (outcome == AgentStatus.COMPLETED) {
      return stopped(change(id, agent -> agent.completed(detail, clock.now())));
    }
    if (outcome == AgentStatus.FAILED) {
      String reason = detail == null || detail.isBlank() ? "reported as failed" : detail;
      return stopped(change(id, agent -> agent.failed(reason, clock.now())));
    }
    throw new IllegalArgumentException(
        "an outcome is completed or failed, not " + outcome.wireName());
  }

  @Override
  public Agent cancel(AgentId id, String reason) {
    return stopped(change(id, agent -> agent.cancelled(reason, clock.now())));
  }

  private Agent stopped(Agent ended) {
    stopper.execute(() -> controller.stop(ended));
    return ended;
  }

  private Agent change(AgentId id, Function<Agent, AgentChange> how) {
    for (int attempt = 1; ; attempt++) {
      Agent agent = store.find(id).orElseThrow(() -> new AgentNotFoundException(id));
      AgentChange change = how.apply(agent);
      if (store.apply(change)) {
        listener.changed(change);
        return change.after();
      }
      if (attempt == MAX_TRIES) {
        throw new IllegalStateException(
            "agent " + id + " kept changing while " + change.after().status() + " was recorded");
      }
    }
  }
}
