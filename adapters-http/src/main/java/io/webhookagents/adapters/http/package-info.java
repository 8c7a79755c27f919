/**
 * The HTTP adapter: webhook intake, the agents API, metrics, the dashboard and the health
 * endpoints, served by Undertow.
 */
@NullMarked
package io.webhookagents.adapters.http;

import org.jspecify.annotations.NullMarked;
