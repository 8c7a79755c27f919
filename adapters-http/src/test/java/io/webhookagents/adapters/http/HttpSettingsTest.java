package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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

  @Test
  void toString_neverShowsTheLinearOrSlackSecret_butShowsWhereRequestsGo() {
    HttpSettings settings =
        new HttpSettings("0.0.0.0", 8000, 1024, null, null)
            .withLinear("linear-secret-value", Map.of("ENG", "octo-org/api"))
            .withSlack("slack-secret-value", "octo-org/chat");

    String shown = settings.toString();

    assertThat(shown).doesNotContain("linear-secret-value", "slack-secret-value");
    assertThat(shown)
        .contains(
            "linearSecret=(set)",
            "slackSecret=(set)",
            "linearRepos={ENG=octo-org/api}",
            "slackDefaultRepo=octo-org/chat");
  }

  @Test
  void githubOnlyConstructor_leavesLinearAndSlackUnset() {
    HttpSettings settings = new HttpSettings("0.0.0.0", 8000, 1024, "gh", "token");

    assertThat(settings.linearSecret()).isNull();
    assertThat(settings.slackSecret()).isNull();
    assertThat(settings.linearRepos()).isEmpty();
    assertThat(settings.slackDefaultRepo()).isNull();
  }

  @Test
  void linearTeamKeys_matchWhateverTheirCase() {
    HttpSettings settings =
        new HttpSettings("0.0.0.0", 0, 1024, null, null)
            .withLinear("s", Map.of("eng", "octo-org/api"));

    assertThat(settings.repoForLinearTeam("ENG")).isEqualTo("octo-org/api");
    assertThat(settings.repoForLinearTeam("Eng")).isEqualTo("octo-org/api");
    assertThat(settings.repoForLinearTeam("WEB")).isNull();
  }

  @Test
  void aRepositoryThatIsNotOwnerSlashName_isRefusedNamingWhere() {
    HttpSettings base = new HttpSettings("0.0.0.0", 0, 1024, null, null);

    assertThatThrownBy(() -> base.withLinear("s", Map.of("ENG", "api")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("linearRepos[ENG] must be owner/name, was 'api'");
    assertThatThrownBy(() -> base.withSlack("s", "https://github.com/o/r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slackDefaultRepo must be owner/name");
  }

  @Test
  void theSameTeamTwice_inDifferentCase_isRefused() {
    HttpSettings base = new HttpSettings("0.0.0.0", 0, 1024, null, null);

    assertThatThrownBy(() -> base.withLinear("s", Map.of("ENG", "o/a", "eng", "o/b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
