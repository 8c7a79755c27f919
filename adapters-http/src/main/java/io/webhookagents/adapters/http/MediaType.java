package io.webhookagents.adapters.http;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the media type and its character set out of a {@code Content-Type} header. */
final class MediaType {
  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";

  private MediaType() {}

  /** The lower-case {@code type/subtype}, or an empty string when the header is missing. */
  static String essence(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String essence = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return essence.strip().toLowerCase(Locale.ROOT);
  }

  /** The lower-case value of the {@code charset} parameter, unquoted; null when there is none. */
  static @Nullable String charset(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
        String value = parameter.substring(equals + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }
}
