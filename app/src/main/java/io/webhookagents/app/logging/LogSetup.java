package io.webhookagents.app.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The service's logging, set up in code from {@code LOG_FORMAT} and {@code LOG_LEVEL} (system
 * properties of those names first, as logback reads them, then the environment); logback finds it
 * as a service when the first logger is asked for.
 *
 * <p>In code rather than in a {@code logback.xml} because reading that file parsed XML and set up
 * the parser first, about a twentieth of a second of every start. An operator's own file, named
 * with {@code -Dlogback.configurationFile}, is still read instead, when it can be found.
 *
 * <p>Lines go through an asynchronous appender, so request and dispatch threads hand them to one
 * writer thread instead of waiting on the console; nothing is dropped, a full queue makes the
 * caller wait. Control characters in a message are shown as '?' ({@link
 * PrintableMessageConverter}). Libraries log only warnings and errors.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{24} - %printableMsg%n%ex";

  private static final int QUEUE_SIZE = 8192;
  private static final List<String> QUIET_LIBRARIES =
      List.of(
          "org.flywaydb", "com.zaxxer.hikari", "io.undertow", "org.xnio", "org.jboss", "okhttp3");

  private static final String OWN_FILE = "logback.configurationFile";
  private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    String ownFile = System.getProperty(OWN_FILE);
    if (ownFile != null && canBeRead(ownFile)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }

    apply(context, setting("LOG_FORMAT"), setting("LOG_LEVEL"));
    if (ownFile != null) {
      // Left to logback, a file that is not there would mean its default: DEBUG for everything.
      context
          .getLogger(LogSetup.class)
          .warn(
              "-D{}={} names no file or resource; logging as LOG_FORMAT and LOG_LEVEL say",
              OWN_FILE,
              ownFile);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** A setting from a system property of that name, as logback reads them, or else the variable. */
  private static @Nullable String setting(String name) {
    String property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }

  /** Whether logback can read {@code location}: a URL, a resource on the class path, or a file. */
  private static boolean canBeRead(String location) {
    if (location.contains(":/")) {
      return true;
    }
    if (LogSetup.class.getClassLoader().getResource(location) != null) {
      return true;
    }
    try {
      return Files.isReadable(Path.of(location));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Sets {@code context} up to write {@code format} ("json", or text for anything else) at {@code
   * level} (INFO when unset); an unknown level is logged as a warning and INFO used.
   */
  static void apply(LoggerContext context, @Nullable String format, @Nullable String level) {
    context.getStatusManager().add(new NopStatusListener());
    boolean json = format != null && format.strip().equalsIgnoreCase("json");

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(json ? "json" : "text");
    console.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
    console.start();

    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("async");
    async.setQueueSize(QUEUE_SIZE);
    async.setDiscardingThreshold(0);
    async.addAppender(console);
    async.start();

    Level rootLevel = level == null || level.isBlank() ? Level.INFO : known(level);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel == null ? Level.INFO : rootLevel);
    root.addAppender(async);
    QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.WARN));

    if (rootLevel == null) {
      context
          .getLogger(LogSetup.class)
          .warn(
              "LOG_LEVEL '{}' is not a level (ERROR, WARN, INFO, DEBUG, TRACE); logging at INFO",
              level);
    }
  }

  /** The level named, in any case; null for anything else, OFF and ALL included. */
  private static @Nullable Level known(String level) {
    String name = level.strip().toUpperCase(Locale.ROOT);
    return LEVELS.contains(name) ? Level.toLevel(name) : null;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
    rules.put("printableMsg", PrintableMessageConverter::new);
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.start();
    return encoder;
  }
}
