/** Trigger rules that decide whether an event starts an agent, and the prompts agents get. */
@NullMarked
package io.webhookagents.domain.trigger;

import org.jspecify.annotations.NullMarked;
