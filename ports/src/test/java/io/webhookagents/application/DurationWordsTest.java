package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationWordsTest {

  @Test
  void aDuration_isWrittenInTheLargestWholeUnit() {
    assertThat(DurationWords.of(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(DurationWords.of(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationWords.of(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DurationWords.of(Duration.ofSeconds(20))).isEqualTo("20s");
    assertThat(DurationWords.of(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationWords.of(Duration.ZERO)).isEqualTo("0ms");
  }
}
