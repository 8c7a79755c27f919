package io.webhookagents.adapters.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerSettingsTest {
  private static final String KEY = "sk-live-secret-value";

  @Test
  void toString_neverShowsTheApiKey() {
    ControllerSettings settings = ControllerSettings.of("http://controller:9100", KEY, "m");

    String shown = settings.toString();

    assertThat(shown).doesNotContain(KEY).contains("apiKey=<redacted>");
    assertThat(shown).contains("baseUrl=http://controller:9100/", "model=m");
  }

  @Test
  void defaults_areFiveThirtyAndSixtySeconds() {
    ControllerSettings settings = ControllerSettings.of("http://controller", KEY, "m");

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void baseUrlWithoutTrailingSlash_getsOne() {
    ControllerSettings settings = ControllerSettings.of("https://host:9100/prefix", KEY, "m");

    assertThat(settings.baseUrl()).isEqualTo("https://host:9100/prefix/");
  }

  @Test
  void baseUrlWithTrailingSlash_isKept() {
    ControllerSettings settings = ControllerSettings.of("https://host/prefix/", KEY, "m");

    assertThat(settings.baseUrl()).isEqualTo("https://host/prefix/");
  }

  @Test
  void baseUrlThatIsNotHttp_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ControllerSettings.of("ftp://host/", KEY, "m"))
        .withMessage("baseUrl is not an http or https URL");
  }

  @Test
  void baseUrlWithCredentials_isRejectedWithoutEchoingThem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ControllerSettings.of("http://me:hunter2@host/", KEY, "m"))
        .withMessageNotContaining("hunter2");
  }

  @Test
  void apiKeyWithALineBreak_isRejectedWithoutEchoingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ControllerSettings.of("http://host/", "abc\r\nX-Evil: 1", "m"))
        .withMessageNotContaining("abc")
        .withMessageContaining("apiKey");
  }

  @Test
  void emptyApiKey_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ControllerSettings.of("http://host/", "", "m"));
  }

  @Test
  void zeroTimeout_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ControllerSettings(
                    "http://host/",
                    KEY,
                    "m",
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .withMessage("connectTimeout must be positive, was PT0S");
  }
}
