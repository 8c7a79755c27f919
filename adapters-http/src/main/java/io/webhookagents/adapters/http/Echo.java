package io.webhookagents.adapters.http;

import org.jspecify.annotations.Nullable;

/**
 * Shortens text a client sent before it goes back into an answer or a log line, so that a huge
 * header or parameter cannot make either huge.
 */
final class Echo {
  static final int MAX_CHARS = 80;

  private Echo() {}

  static String of(@Nullable String text) {
    if (text == null) {
      return "(none)";
    }
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "…";
  }
}
