package io.webhookagents.application;

import io.webhookagents.domain.trigger.TriggerPolicy;
import io.webhookagents.domain.trigger.TriggerRules;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.DispatchSignal;
import io.webhookagents.ports.out.IdGenerator;
import io.webhookagents.ports.out.LifecycleListener;
import java.util.concurrent.Executor;

/** Services built the way the application builds them, over test fakes. */
final class Intakes {
  static final int CAP = 5;

  private Intakes() {}

  static WebhookIntake intake(
      InMemoryAgentStore store, IdGenerator ids, Clock clock, DispatchSignal signal) {
    return intake(store, ids, clock, signal, Runnable::run);
  }

  /** An intake that reads the store's history, when it must, on {@code historyReader}. */
  static WebhookIntake intake(
      InMemoryAgentStore store,
      IdGenerator ids,
      Clock clock,
      DispatchSignal signal,
      Executor historyReader) {
    return new WebhookIntake(
        new TriggerRules(TriggerPolicy.defaults()),
        store,
        ids,
        clock,
        signal,
        LifecycleListener.NONE,
        outcomes(store, clock, new ScriptedController()),
        CAP,
        historyReader);
  }

  /** An intake that cancels agents through {@code changes}, reading history on this thread. */
  static WebhookIntake intakeCancellingThrough(
      InMemoryAgentStore store, IdGenerator ids, Clock clock, ChangeAgents changes) {
    return new WebhookIntake(
        new TriggerRules(TriggerPolicy.defaults()),
        store,
        ids,
        clock,
        () -> {},
        LifecycleListener.NONE,
        changes,
        CAP,
        Runnable::run);
  }

  static AgentOutcomes outcomes(InMemoryAgentStore store, Clock clock, AgentController stopper) {
    return new AgentOutcomes(store, clock, LifecycleListener.NONE, stopper, Runnable::run);
  }
}
