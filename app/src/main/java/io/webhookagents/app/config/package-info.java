/** Reads the service's settings from the environment and says everything that is wrong at once. */
@NullMarked
package io.webhookagents.app.config;

import org.jspecify.annotations.NullMarked;
