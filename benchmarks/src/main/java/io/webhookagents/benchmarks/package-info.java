/** JMH benchmarks of the intake hot path, and the fixture they all read. */
@NullMarked
package io.webhookagents.benchmarks;

import org.jspecify.annotations.NullMarked;
