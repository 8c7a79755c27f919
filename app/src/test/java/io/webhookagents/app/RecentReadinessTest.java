package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentReadinessTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final AtomicInteger checks = new AtomicInteger();

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
    ExecutorService probes = Executors.newSingleThreadExecutor();
    try {
      Future<List<String>> slow = probes.submit(readiness::problems);
      assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();

      List<String> meanwhile = readiness.problems();
      release.countDown();

      assertThat(meanwhile).containsExactly("check 1");
      assertThat(slow.get(10, TimeUnit.SECONDS)).containsExactly("check 2");
      assertThat(checks).hasValue(2);
    } finally {
      release.countDown();
      probes.shutdownNow();
    }
  }

  @Test
  void whileACheckHasWaitedOverTwoSeconds_probesSayTheDatabaseIsSlow() throws Exception {
    CountDownLatch checking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecentReadiness readiness =
        new RecentReadiness(
            () -> {
              if (checks.incrementAndGet() == 2) {
                checking.countDown();
                await(release);
              }
              return List.of();
            },
            nanos::get);
    readiness.problems();
    nanos.addAndGet(RecentReadiness.FRESH.toNanos());
    ExecutorService probes = Executors.newSingleThreadExecutor();
    try {
      Future<List<String>> slow = probes.submit(readiness::problems);
      assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));

      List<String> meanwhile = readiness.problems();
      release.countDown();

      assertThat(meanwhile)
          .containsExactly("the readiness check has waited 3 s for the database to take a write");
      assertThat(slow.get(10, TimeUnit.SECONDS)).isEmpty();
    } finally {
      release.countDown();
      probes.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
