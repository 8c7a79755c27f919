/** The command line: serve, replay a payload, list agents. */
@NullMarked
package io.webhookagents.app.cli;

import org.jspecify.annotations.NullMarked;
