/** The use-case services, written only against the ports. */
@NullMarked
package io.webhookagents.application;

import org.jspecify.annotations.NullMarked;
