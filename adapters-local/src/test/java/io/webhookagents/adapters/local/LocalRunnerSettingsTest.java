package io.webhookagents.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunnerSettingsTest {

  @Test
  void relativeDataDir_isMadeAbsolute() {
    LocalRunnerSettings settings = LocalRunnerSettings.of(Path.of("data/../data"), "true");

    assertThat(settings.dataDir()).isAbsolute().isEqualTo(Path.of("data").toAbsolutePath());
  }

  @Test
  void blankCommand_meansADryRun() {
    LocalRunnerSettings settings = LocalRunnerSettings.of(Path.of("/data"), " \t");

    assertThat(settings.agentCommand()).isNull();
    assertThat(settings.dryRun()).isTrue();
  }

  @Test
  void toString_neverShowsTheCommand() {
    LocalRunnerSettings settings =
        LocalRunnerSettings.of(Path.of("/data"), "API_KEY=sk-secret-123 claude -p");

    assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("agentCommand=<set>");
  }

  @Test
  void negativeLogTail_isRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LocalRunnerSettings(Path.of("/data"), "true", -1, 1L << 20))
        .withMessage("logTailLines must not be negative, was -1");
  }

  @Test
  void aLogBoundBelowOneMebibyte_isRefused_andTheDefaultIs64() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LocalRunnerSettings.of(Path.of("/data"), "true", (1L << 20) - 1))
        .withMessage("logMaxBytes must be at least 1048576, was 1048575");
    assertThat(LocalRunnerSettings.of(Path.of("/data"), "true").logMaxBytes()).isEqualTo(64L << 20);
  }
}
