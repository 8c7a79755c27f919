package io.webhookagents.adapters.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import io.webhookagents.benchmarks.Fixture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Everything GitHub intake does to a delivery before the store sees it: the header lookups, the
 * signature check and the parse, through {@link GitHubSource} as the webhook handler calls it. The
 * difference to the two benchmarks it combines is the cost of the glue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GitHubSourceBenchmark {
  private final GitHubSource source = new GitHubSource(Fixture.SECRET);
  private final WebhookRequest request = signedRequest();

  @Setup
  public void checkTheRequestIsAccepted() {
    // Throws when the signature or the payload is refused.
    verifyAndParse();
  }

  @Benchmark
  public Inbound verifyAndParse() {
    source.verify(request);
    return source.parse(request);
  }

  private static WebhookRequest signedRequest() {
    SignedFixture fixture = new SignedFixture();
    HeaderMap headers = new HeaderMap();
    headers.put(new HttpString(GitHubSource.SIGNATURE), fixture.signatureHeader);
    headers.put(new HttpString(GitHubSource.EVENT), "issues");
    headers.put(new HttpString(GitHubSource.DELIVERY), "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    return new WebhookRequest(headers, MediaType.JSON, fixture.body);
  }
}
