package io.webhookagents.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableMessageConverterTest {

  @Test
  void controlCharacters_becomeQuestionMarks_andEverythingElseStays() {
    assertThat(PrintableMessageConverter.printable("a\nb\rc\td\u001be\u007ff"))
        .isEqualTo("a?b?c?d?e?f");
    assertThat(PrintableMessageConverter.printable("plain é ünïcode ✓"))
        .isEqualTo("plain é ünïcode ✓");
    assertThat(PrintableMessageConverter.printable(null)).isEqualTo("null");
  }

  @Test
  void aMessageWithoutControls_isReturnedAsItIs_notCopied() {
    String message = "github delivery d-1 (issues.opened): ignored";

    assertThat(PrintableMessageConverter.printable(message)).isSameAs(message);
  }

  @Test
  void theServicesLogConfiguration_writesAForgedLineAsPartOfTheRealOne() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      LoggerContext context = new LoggerContext();
      context.setMDCAdapter(new LogbackMDCAdapter());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(getClass().getResource("/logback.xml"));
      Logger log = context.getLogger("io.webhookagents.test");

      log.info("delivery {} recorded", "d-1\n2026-12-04T00:00:00.000Z ERROR forged");
      // Stopping drains the asynchronous appender.
      context.stop();
    } finally {
      System.setOut(original);
    }

    String written = console.toString(StandardCharsets.UTF_8);
    assertThat(written.lines())
        .singleElement()
        .asString()
        .contains("INFO ")
        .endsWith("delivery d-1?2026-12-04T00:00:00.000Z ERROR forged recorded");
  }
}
