package io.webhookagents.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableMessageConverterTest {

  @Test
  void controlCharacters_becomeQuestionMarks_andEverythingElseStays() {
    assertThat(PrintableMessageConverter.printable("a\nb\rc\td\u001be\u007ff"))
        .isEqualTo("a?b?c?d?e?f");
    // C1 controls (NEL, CSI) and the Unicode separators end a line for some log readers too.
    assertThat(PrintableMessageConverter.printable("a\u0085b\u009bc\u2028d\u2029e"))
        .isEqualTo("a?b?c?d?e");
    assertThat(PrintableMessageConverter.printable("plain é ünïcode ✓"))
        .isEqualTo("plain é ünïcode ✓");
    assertThat(PrintableMessageConverter.printable(null)).isEqualTo("null");
  }

  @Test
  void aMessageWithoutControls_isReturnedAsItIs_notCopied() {
    String message = "github delivery d-1 (issues.opened): ignored";

    assertThat(PrintableMessageConverter.printable(message)).isSameAs(message);
  }
}
