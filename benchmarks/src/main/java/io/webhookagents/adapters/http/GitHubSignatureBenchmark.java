package io.webhookagents.adapters.http;

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
 * The HMAC-SHA256 check every GitHub delivery passes before anything reads it, over the 13.5 KB
 * {@code issues.opened} fixture. This class sits in the adapter's package, in this module, so it
 * can call the package-private {@link GitHubSignature} directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GitHubSignatureBenchmark {
  private final GitHubSignature signature = new GitHubSignature(Fixture.SECRET);
  private final SignedFixture fixture = new SignedFixture();

  @Setup
  public void checkTheFixtureIsSignedCorrectly() {
    // A benchmark of the mismatch path would measure the same work but prove nothing.
    SignatureCheck result = signature.check(fixture.signatureHeader, fixture.body);
    if (result != SignatureCheck.MATCH) {
      throw new IllegalStateException("the fixture's signature does not check: " + result);
    }
  }

  @Benchmark
  public SignatureCheck checkSignature() {
    return signature.check(fixture.signatureHeader, fixture.body);
  }
}
