/**
 * What the orchestrator needs from the outside world: a store for agents and deliveries, a
 * controller that runs agents, a clock, ids, and a way to wake the dispatcher. Implementations must
 * be safe to call from many threads.
 */
@NullMarked
package io.webhookagents.ports.out;

import org.jspecify.annotations.NullMarked;
