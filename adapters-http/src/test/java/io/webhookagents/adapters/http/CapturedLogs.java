package io.webhookagents.adapters.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line written while it is open, by any thread, at the levels the test config keeps. */
final class CapturedLogs implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private CapturedLogs() {
    appender.start();
    root.addAppender(appender);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** The lines so far, oldest first. */
  List<ILoggingEvent> lines() {
    // The appender adds lines under its own lock, from the server's threads.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** How many lines so far contain {@code text}. */
  long count(String text) {
    return lines().stream().filter(line -> line.getFormattedMessage().contains(text)).count();
  }

  /**
   * The first line whose message contains {@code text}, waiting up to five seconds for it.
   *
   * @throws AssertionError when none comes
   */
  ILoggingEvent await(String text) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end) {
      for (ILoggingEvent line : lines()) {
        if (line.getFormattedMessage().contains(text)) {
          return line;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no log line says '" + text + "': " + lines());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
