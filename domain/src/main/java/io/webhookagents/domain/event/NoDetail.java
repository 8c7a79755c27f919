package io.webhookagents.domain.event;

/** An event the orchestrator reads no further than its name: a ping, a push, and so on. */
public record NoDetail() implements EventDetail {}
