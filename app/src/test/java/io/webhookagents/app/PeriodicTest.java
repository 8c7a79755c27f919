package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {
  private static final Duration OFTEN = Duration.ofMillis(10);

  @Test
  void aJobThatFails_isRunAgain_andStillCountsAsRunning() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch thirdRun = new CountDownLatch(3);
    Periodic periodic =
        new Periodic(
            "failing-job",
            OFTEN,
            () -> {
              runs.incrementAndGet();
              thirdRun.countDown();
              throw new IllegalStateException("database busy");
            });

    periodic.start(Duration.ZERO);
    boolean ranThrice = thirdRun.await(10, TimeUnit.SECONDS);

    assertThat(ranThrice).isTrue();
    assertThat(periodic.isRunning()).isTrue();
    periodic.stop();
    assertThat(periodic.isRunning()).isFalse();
  }

  @Test
  void aJobThatEndsWithAnError_isNoLongerRunning() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Periodic periodic =
        new Periodic(
            "dying-job",
            OFTEN,
            () -> {
              ran.countDown();
              throw new AssertionError("an Error, as an OutOfMemoryError would be");
            });

    periodic.start(Duration.ZERO);
    ran.await(10, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (periodic.isRunning() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(periodic.isRunning()).isFalse();
    periodic.stop();
  }
}
