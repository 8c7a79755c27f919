package io.webhookagents.adapters.http;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the media type out of a {@code Content-Type} header, ignoring its parameters. */
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
}
