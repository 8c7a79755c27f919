/** Wires the adapters together with Dagger and runs the service. */
@NullMarked
package io.webhookagents.app;

import org.jspecify.annotations.NullMarked;
