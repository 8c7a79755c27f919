package io.webhookagents.ports.out;

/**
 * Tells the dispatcher that new work was committed, so it need not wait for its next poll. A lost
 * signal costs only latency: the dispatcher polls the store as well.
 */
public interface DispatchSignal {
  void workAvailable();
}
