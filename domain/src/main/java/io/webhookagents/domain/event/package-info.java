/**
 * The normalized event model: what the orchestrator keeps of a GitHub, Linear or Slack delivery
 * once its signature has been checked and its payload read.
 */
@NullMarked
package io.webhookagents.domain.event;

import org.jspecify.annotations.NullMarked;
