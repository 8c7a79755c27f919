package io.webhookagents.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z9", "01JABCDEFGHJKMNPQRSTVWXYZ0", "with_underscore-and-dash"})
  void acceptsLettersDigitsUnderscoreAndDash(String value) {
    assertThat(new AgentId(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "a/b", "a.b", "é", "a%2F", "a\n"})
  void refusesAnythingThatWouldNeedEscapingInAPath(String value) {
    assertThatThrownBy(() -> new AgentId(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an agent id");
  }

  @Test
  void refusesIdsLongerThanSixtyFourCharacters() {
    assertThat(new AgentId("x".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> new AgentId("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
