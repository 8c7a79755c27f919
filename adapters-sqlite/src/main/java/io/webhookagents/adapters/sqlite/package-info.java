/** Stores agents, their timelines and the deliveries they came from in one SQLite file. */
@NullMarked
package io.webhookagents.adapters.sqlite;

import org.jspecify.annotations.NullMarked;
