package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentReadinessTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AtomicInteger checks = new AtomicInteger();
  private final ExecutorService probes = Executors.newSingleThreadExecutor();
  private Future<List<String>> secondCheck;

  @Test
  void probesWithinASecond_shareOneCheck_andALaterProbeChecksAgain() {
    RecentReadiness readiness =
        new RecentReadiness(() -> List.of("check " + checks.incrementAndGet()), nanos::get);

    List<String> first = readiness.problems();
    nanos.addAndGet(RecentReadiness.FRESH.toNanos() - 1);
    List<String> withinTheSecond = readiness.problems();
    nanos.addAndGet(1);
    List<String> afterIt = readiness.problems();

    assertThat(first).containsExactly("check 1");
    assertThat(withinTheSecond).containsExactly("check 1");
    assertThat(afterIt).containsExactly("check 2");
  }

  @Test
  void whileOneProbeChecks_anotherGetsTheLastAnswer_withoutWaiting() throws Exception {
    List<String> meanwhile = probedDuringTheSecondCheck(Duration.ZERO);

    assertThat(meanwhile).containsExactly("check 1");
    assertThat(secondCheck.get(10, TimeUnit.SECONDS)).containsExactly("check 2");
    assertThat(checks).hasValue(2);
  }

  @Test
  void whileACheckHasWaitedOverTwoSeconds_probesSayTheDatabaseIsSlow() throws Exception {
    List<String> meanwhile = probedDuringTheSecondCheck(Duration.ofSeconds(3));

    assertThat(meanwhile)
        .containsExactly("the readiness check has waited 3 s for the database to take a write");
    assertThat(secondCheck.get(10, TimeUnit.SECONDS)).containsExactly("check 2");
  }

  /**
   * What a probe gets {@code into} the second check, which waits until the probe has answered; that
   * check's own answer is then in {@link #secondCheck}.
   */
  private List<String> probedDuringTheSecondCheck(Duration into) throws Exception {
    CountDownLatch checking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecentReadiness readiness =
        new RecentReadiness(
            () -> {
              if (checks.incrementAndGet() == 2) {
                checking.countDown();
                await(release);
              }
              return List.of("check " + checks.get());
            },
            nanos::get);
    readiness.problems();
    nanos.addAndGet(RecentReadiness.FRESH.toNanos());
    try {
      secondCheck = probes.submit(readiness::problems);
      assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();
      nanos.addAndGet(into.toNanos());
      return readiness.problems();
    } finally {
      release.countDown();
    }
  }

  @AfterEach
  void stopProbes() {
    probes.shutdownNow();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
