package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentChange;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import java.time.Instant;

/** Agents and deliveries for tests, built with the domain's own constructors. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-03-04T05:06:07.089Z");

  private Fixtures() {}

  /** A pending agent whose id sorts by {@code number}, for a GitHub issue in octo-org/demo. */
  static Agent pending(int number) {
    return pending(number, Source.GITHUB, "octo-org/demo");
  }

  static Agent pending(int number, Source source, String repo) {
    return pendingOn(number, source, repo, repo + "#" + number);
  }

  /** A pending agent whose id and creation time sort by {@code number}, on {@code subject}. */
  static Agent pendingOn(int number, Source source, String repo, String subject) {
    Instant createdAt = T0.plusSeconds(number);
    return new Agent(
        id(number),
        source,
        "issues",
        "opened",
        "delivery-" + number,
        repo,
        subject,
        "https://github.com/" + repo + "/issues/" + number,
        "Fix issue " + number,
        AgentStatus.PENDING,
        null,
        null,
        0,
        null,
        createdAt,
        createdAt);
  }

  static AgentId id(int number) {
    return new AgentId(String.format("agent-%06d", number));
  }

  static DeliveryRecord createdDelivery(Agent agent) {
    return new DeliveryRecord(
        agent.source(),
        agent.deliveryId(),
        agent.webhookEvent() + "." + agent.action(),
        DeliveryRecord.CREATED,
        null,
        agent.id(),
        agent.createdAt());
  }

  static StatusEvent firstEvent(Agent agent) {
    return new StatusEvent(AgentStatus.PENDING, agent.createdAt(), "created for " + agent.id());
  }

  /** Records {@code agent} as created by its own delivery and returns it. */
  static Agent record(AgentStore store, Agent agent) {
    RecordOutcome outcome = store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));
    if (!(outcome instanceof RecordOutcome.Recorded)) {
      throw new AssertionError("agent " + agent.id() + " was not recorded: " + outcome);
    }
    return agent;
  }

  /** Applies {@code change}, which must take, and returns the agent as it is after it. */
  static Agent applied(AgentStore store, AgentChange change) {
    if (!store.apply(change)) {
      throw new AssertionError("change to agent " + change.after().id() + " did not take");
    }
    return change.after();
  }

  /** Moves a recorded pending agent to running, on session "session-ID" with task "task-ID". */
  static Agent madeRunning(AgentStore store, Agent agent) {
    Agent sessionCreated = applied(store, agent.sessionCreated("session-" + agent.id(), T0));
    return applied(store, sessionCreated.taskSubmitted("task-" + agent.id(), T0));
  }
}
