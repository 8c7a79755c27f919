/**
 * The agent lifecycle: what an agent is, the states it passes through and the transitions the
 * lifecycle allows. Pure Java; time and identity arrive as arguments.
 */
@NullMarked
package io.webhookagents.domain;

import org.jspecify.annotations.NullMarked;
