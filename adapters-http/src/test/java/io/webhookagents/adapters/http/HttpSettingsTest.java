package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

  @Test
  void toString_saysWhichSecretsAreSet_butNeverShowsThem() {
    HttpSettings settings = new HttpSettings("0.0.0.0", 8000, 1024, "gh-secret-value", null);

    String shown = settings.toString();

    assertThat(shown).doesNotContain("gh-secret-value");
    assertThat(shown).contains("githubSecret=(set)", "apiToken=unset", "port=8000");
  }

  @Test
  void blankSecrets_countAsUnset() {
    HttpSettings settings = new HttpSettings("0.0.0.0", 8000, 1024, "  ", "");

    assertThat(settings.githubSecret()).isNull();
    assertThat(settings.apiToken()).isNull();
  }

  @Test
  void portOutOfRange_isRefusedNamingTheValue() {
    assertThatThrownBy(() -> new HttpSettings("0.0.0.0", 65536, 1024, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }

  @Test
  void bodyLimitBelowOneByte_isRefused() {
    assertThatThrownBy(() -> new HttpSettings("0.0.0.0", 0, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBodyBytes");
  }
}
