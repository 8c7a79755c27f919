package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.app.config.AppConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A claim on an agent lasts past both of its controller calls at their slowest. */
class LeaseTest {

  @Test
  void withTheDefaults_twoCallsOf70SecondsAndTwoMinutes() {
    AppConfig config = AppConfig.fromEnvironment(Map.of("GITHUB_WEBHOOK_SECRET", "s"));

    assertThat(AppModule.lease(config)).isEqualTo(Duration.ofSeconds(2 * 70 + 120));
  }

  @Test
  void withALongReadTimeout_theLeaseGrowsWithIt() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "GITHUB_WEBHOOK_SECRET", "s",
                "CONTROLLER_CONNECT_TIMEOUT", "10s",
                "CONTROLLER_READ_TIMEOUT", "5m"));

    assertThat(AppModule.lease(config)).isEqualTo(Duration.ofSeconds(2 * 2 * 310 + 120));
  }

  @Test
  void withShortTimeouts_eachCallStillGetsAMinute() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "GITHUB_WEBHOOK_SECRET", "s",
                "CONTROLLER_CONNECT_TIMEOUT", "1s",
                "CONTROLLER_READ_TIMEOUT", "2s"));

    assertThat(AppModule.lease(config)).isEqualTo(Duration.ofSeconds(2 * 60 + 120));
  }
}
