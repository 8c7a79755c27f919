package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PageReadsTest {
  private final PageReads reads = new PageReads(2, Duration.ofMillis(20));

  @Test
  void pastTheBound_aReadWaits_thenIs503WithRetryAfter() {
    try (PageReads.Turn first = reads.take();
        PageReads.Turn second = reads.take()) {

      ProblemException refused = catchThrowableOfType(ProblemException.class, reads::take);

      assertThat(refused.problem().status()).isEqualTo(503);
      assertThat(refused.problem().type()).isEqualTo(ProblemType.TOO_MANY_PAGES);
      assertThat(refused.problem().headers()).containsEntry("Retry-After", "1");
      assertThat(refused.problem().detail()).startsWith("2 pages of agents are being read");
    }
  }

  @Test
  void aTurnGivenBack_letsTheNextReadIn() {
    reads.take().close();
    reads.take().close();

    try (PageReads.Turn again = reads.take();
        PageReads.Turn andAgain = reads.take()) {
      assertThat(again).isNotNull();
      assertThat(andAgain).isNotNull();
    }
  }
}
