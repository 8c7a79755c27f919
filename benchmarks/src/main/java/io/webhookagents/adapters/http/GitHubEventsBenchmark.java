package io.webhookagents.adapters.http;

import io.webhookagents.benchmarks.Fixture;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading the 13.5 KB {@code issues.opened} fixture into a {@link WebhookEvent}: the JSON scan for
 * the fields an issue needs and the mapping to the domain type, as intake does it once the
 * signature has checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GitHubEventsBenchmark {
  private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  private final byte[] body = Fixture.issueOpened();

  @Setup
  public void checkTheFixtureReadsAsAnIssue() {
    WebhookEvent event = parse();
    if (!(event.detail() instanceof IssueDetail) || event.subject() == null) {
      throw new IllegalStateException("the fixture did not read as an issue: " + event);
    }
  }

  @Benchmark
  public WebhookEvent parse() {
    return GitHubEvents.toEvent(DELIVERY, "issues", body);
  }
}
