/** Prometheus metrics: what the service counts, and how a collector reads them. */
@NullMarked
package io.webhookagents.app.metrics;

import org.jspecify.annotations.NullMarked;
