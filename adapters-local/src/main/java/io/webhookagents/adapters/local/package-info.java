/**
 * Runs agents as processes on this machine, one workspace directory per agent, for when no
 * controller API is configured.
 */
@NullMarked
package io.webhookagents.adapters.local;

import org.jspecify.annotations.NullMarked;
