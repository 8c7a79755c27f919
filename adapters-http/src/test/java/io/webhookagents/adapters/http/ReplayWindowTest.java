package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  private final TestClock clock = new TestClock(TestServer.NOW);
  private final ReplayWindow window = new ReplayWindow(Duration.ofSeconds(60), clock);
  private final long now = TestServer.NOW.toEpochMilli();

  @Test
  void timesUpToTheToleranceEitherWay_areAccepted() {
    assertThatCode(() -> window.check(now - 60_000, "t")).doesNotThrowAnyException();
    assertThatCode(() -> window.check(now + 60_000, "t")).doesNotThrowAnyException();
  }

  @Test
  void aMillisecondPastTheTolerance_isRefusedWith401() {
    assertThat(refusal(now - 60_001))
        .startsWith("t is 61 s in the past; deliveries more than 60 s");
    assertThat(refusal(now + 61_000)).startsWith("t is 61 s in the future");
  }

  @Test
  void ageIsRoundedUp_soTheMessageNeverReadsAsWithinTheLimit() {
    assertThat(refusal(now + 60_001)).startsWith("t is 61 s in the future");
    assertThat(refusal(now + 61_999)).startsWith("t is 62 s in the future");
    assertThat(refusal(now - 61_000)).startsWith("t is 61 s in the past");
  }

  @Test
  void timesThatOverflow_areRefused_notWrappedAround() {
    assertThat(refusal(Long.MIN_VALUE)).startsWith("t is nowhere near the current time");
    assertThat(refusal(Long.MAX_VALUE)).startsWith("t is ");
  }

  private String refusal(long sentMillis) {
    ProblemException refused =
        catchThrowableOfType(ProblemException.class, () -> window.check(sentMillis, "t"));
    assertThat(refused).as("a refusal").isNotNull();
    assertThat(refused.problem().status()).isEqualTo(401);
    return refused.problem().detail();
  }
}
