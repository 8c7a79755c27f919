package io.webhookagents.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private static final String OWN_FILE = "logback.configurationFile";

  @Test
  void text_writesOneLineAnEventInThePattern() {
    List<String> lines =
        logged("text", "INFO", context -> context.getLogger("io.webhookagents.x").info("hello"));

    assertThat(lines)
        .singleElement()
        .asString()
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main] .* - hello");
  }

  @Test
  void text_writesAForgedLineAsPartOfTheRealOne() {
    List<String> lines =
        logged(
            "text",
            "INFO",
            context ->
                context
                    .getLogger("io.webhookagents.x")
                    .info("delivery {} recorded", "d-1\n2026-12-04T00:00:00.000Z ERROR forged"));

    assertThat(lines)
        .singleElement()
        .asString()
        .contains("INFO ")
        .endsWith("delivery d-1?2026-12-04T00:00:00.000Z ERROR forged recorded");
  }

  @Test
  void json_writesOneObjectALine_withTheFormattedMessage() {
    List<String> lines =
        logged(
            "JSON",
            null,
            context -> context.getLogger("io.webhookagents.x").warn("agent {} failed", "a-1"));

    assertThat(lines)
        .singleElement()
        .asString()
        .startsWith("{")
        .contains("\"level\":\"WARN\"")
        .contains("\"loggerName\":\"io.webhookagents.x\"")
        .contains("\"formattedMessage\":\"agent a-1 failed\"")
        .doesNotContain("\"message\":");
  }

  @Test
  void level_isTheRootLevel_andLibrariesSayOnlyWarnings() {
    List<String> lines =
        logged(
            "text",
            "debug",
            context -> {
              context.getLogger("io.webhookagents.x").debug("own debug");
              context.getLogger("org.xnio.nio").info("library info");
              context.getLogger("com.zaxxer.hikari.pool").warn("library warning");
              context.getLogger("io.webhookagents.x").trace("own trace");
            });

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith(" - own debug");
    assertThat(lines.get(1)).endsWith(" - library warning");
  }

  @Test
  void anUnknownLevel_isSaidOnce_andInfoIsUsed() {
    List<String> lines =
        logged(
            "text",
            "verbose",
            context -> {
              context.getLogger("io.webhookagents.x").debug("hidden");
              context.getLogger("io.webhookagents.x").info("shown");
            });

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("WARN ")
        .endsWith(
            "LOG_LEVEL 'verbose' is not a level (ERROR, WARN, INFO, DEBUG, TRACE);"
                + " logging at INFO");
    assertThat(lines.get(1)).endsWith(" - shown");
  }

  @Test
  void levelsOffAndAll_areNotAmongTheFive_andSoAreSaidAndInfoUsed() {
    for (String level : List.of("OFF", "all")) {
      List<String> lines =
          logged("text", level, context -> context.getLogger("io.webhookagents.x").info("shown"));

      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).contains("LOG_LEVEL '" + level + "' is not a level");
      assertThat(lines.get(1)).endsWith(" - shown");
    }
  }

  @Test
  void anOperatorsOwnFile_isLeftToLogback(@TempDir Path directory) throws Exception {
    Path own = Files.writeString(directory.resolve("logs.xml"), "<configuration/>");

    LoggerContext context = new LoggerContext();
    ExecutionStatus status = withProperty(OWN_FILE, own.toString(), () -> configure(context));

    assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
  }

  @Test
  void anOperatorsFileThatIsNotThere_isSaid_andTheServicesOwnLoggingUsed() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    List<String> lines =
        console(
            () -> {
              ExecutionStatus status =
                  withProperty(OWN_FILE, "/nowhere/logs.xml", () -> configure(context));
              assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
              context.stop();
            });

    assertThat(lines)
        .singleElement()
        .asString()
        .contains("WARN ")
        .endsWith(
            "-Dlogback.configurationFile=/nowhere/logs.xml names no file or resource;"
                + " logging as LOG_FORMAT and LOG_LEVEL say");
  }

  @Test
  void aSystemPropertyLogLevel_isReadBeforeTheEnvironment() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());

    withProperty("LOG_LEVEL", "error", () -> configure(context));
    Level level = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
    context.stop();

    assertThat(level).isEqualTo(Level.ERROR);
  }

  @Test
  void logback_findsThisSetUpAsAService() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(root.getAppender("async")).isNotNull();
    assertThat(context.getLogger("org.flywaydb").getLevel()).hasToString("WARN");
  }

  /** The lines {@code logging} wrote to the console through a context set up by LogSetup. */
  private static List<String> logged(String format, String level, Consumer<LoggerContext> logging) {
    return console(
        () -> {
          LoggerContext context = new LoggerContext();
          context.setMDCAdapter(new LogbackMDCAdapter());
          LogSetup.apply(context, format, level);
          logging.accept(context);
          // Stopping drains the asynchronous appender.
          context.stop();
        });
  }

  /** The lines written to System.out while {@code writing} ran. */
  private static List<String> console(Runnable writing) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      writing.run();
    } finally {
      System.setOut(original);
    }
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static ExecutionStatus configure(LoggerContext context) {
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    return setup.configure(context);
  }

  private static <T> T withProperty(String name, String value, Supplier<T> action) {
    String before = System.setProperty(name, value);
    try {
      return action.get();
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }
}
