package io.webhookagents.adapters.http;

import org.jspecify.annotations.Nullable;

/**
 * Shortens text a client sent before it goes back into an answer or a log line, so that a huge
 * header or parameter cannot make either huge, and replaces control characters with {@code ?}, so
 * that a line break in a header cannot forge a second log line.
 */
final class Echo {
  static final int MAX_CHARS = 80;

  private Echo() {}

  static String of(@Nullable String text) {
    if (text == null) {
      return "(none)";
    }
    String shown = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "…";
    return shown.chars().anyMatch(Echo::isControl) ? withoutControls(shown) : shown;
  }

  private static String withoutControls(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.chars().forEach(c -> shown.append(isControl(c) ? '?' : (char) c));
    return shown.toString();
  }

  private static boolean isControl(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
