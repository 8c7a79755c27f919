/** Log output: what the log pattern needs beyond logback's own converters. */
@NullMarked
package io.webhookagents.app.logging;

import org.jspecify.annotations.NullMarked;
