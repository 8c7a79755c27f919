package io.webhookagents.adapters.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void delaySeconds_isThatManySeconds() {
    assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void httpDate_isTheTimeLeftUntilIt() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:29:05 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(65));
  }

  @Test
  void httpDateInThePast_isNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void hugeDelay_isCutToADay() {
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(RetryAfter.MAX);
  }

  @Test
  void unreadableOrMissingValue_isNull() {
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse(null, NOW)).isNull();
  }
}
