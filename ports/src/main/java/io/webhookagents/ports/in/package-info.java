/**
 * The use cases: how adapters that drive the orchestrator (HTTP, a scheduler, a CLI) reach it. Each
 * interface is one thing a caller can ask for; all are safe to call from many threads.
 */
@NullMarked
package io.webhookagents.ports.in;

import org.jspecify.annotations.NullMarked;
