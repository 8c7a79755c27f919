package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(double random) {
    return new RetryPolicy(
        5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(2), () -> random);
  }

  @Test
  void delayCeiling_doublesEachAttemptUpToTheMaximum() {
    RetryPolicy highest = policy(0.999);

    assertThat(highest.delayAfter(1, Duration.ZERO, null)).contains(Duration.ofMillis(999));
    assertThat(highest.delayAfter(2, Duration.ZERO, null)).contains(Duration.ofMillis(1998));
    assertThat(highest.delayAfter(3, Duration.ZERO, null)).contains(Duration.ofMillis(3996));
    assertThat(highest.delayAfter(4, Duration.ZERO, null)).contains(Duration.ofMillis(7992));
  }

  @Test
  void fullJitter_canWaitAnythingFromZero() {
    assertThat(policy(0.0).delayAfter(3, Duration.ZERO, null)).contains(Duration.ZERO);
  }

  @Test
  void retryAfter_winsWhenLonger() {
    assertThat(policy(0.5).delayAfter(1, Duration.ZERO, Duration.ofSeconds(7)))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void spentAttempts_giveUp() {
    assertThat(policy(0.5).delayAfter(5, Duration.ZERO, null)).isEmpty();
  }

  @Test
  void aWaitEndingPastTheDeadline_givesUp() {
    assertThat(policy(0.5).delayAfter(1, Duration.ofSeconds(119), Duration.ofSeconds(5))).isEmpty();
    assertThat(policy(0.5).delayAfter(1, Duration.ofSeconds(100), Duration.ofSeconds(5)))
        .contains(Duration.ofSeconds(5));
  }
}
