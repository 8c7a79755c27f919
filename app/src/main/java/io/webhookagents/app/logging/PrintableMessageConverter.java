package io.webhookagents.app.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;

/**
 * A log line's message with every control character shown as '?', so that a value taken from a
 * payload or a header cannot end the line and start a forged one of its own. Used as {@code
 * %printableMsg} in the log pattern.
 *
 * <p>A loop rather than logback's {@code %replace}, which runs a regular expression over every
 * line: under a burst of webhooks the service writes a line per delivery, thousands a second.
 */
public final class PrintableMessageConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return printable(event.getFormattedMessage());
  }

  /**
   * {@code message} with every control (see isControl) as '?'; the same string when it has none.
   */
  static String printable(@Nullable String message) {
    if (message == null) {
      return "null";
    }
    int first = firstControl(message);
    if (first < 0) {
      return message;
    }

    char[] chars = message.toCharArray();
    for (int i = first; i < chars.length; i++) {
      if (isControl(chars[i])) {
        chars[i] = '?';
      }
    }
    return new String(chars);
  }

  private static int firstControl(String message) {
    for (int i = 0; i < message.length(); i++) {
      if (isControl(message.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
  }
}
