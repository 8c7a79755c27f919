package io.webhookagents.adapters.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads fields out of an {@code application/x-www-form-urlencoded} body. */
final class FormBody {
  private FormBody() {}

  /**
   * The decoded value of the first field called {@code name}; null when there is none.
   *
   * @throws ProblemException (400) when the field's percent-encoding is malformed
   */
  static @Nullable String field(byte[] body, String name) {
    String form = new String(body, StandardCharsets.UTF_8);
    for (String pair : form.split("&", -1)) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(key, name).equals(name)) {
        return equals < 0 ? "" : decode(pair.substring(equals + 1), name);
      }
    }
    return null;
  }

  /**
   * Every field, decoded; where a name repeats, its first value counts.
   *
   * @throws ProblemException (400) when the percent-encoding is malformed
   */
  static Map<String, String> fields(byte[] body) {
    Map<String, String> fields = new HashMap<>();
    String form = new String(body, StandardCharsets.UTF_8);
    for (String pair : form.split("&", -1)) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals), Echo.of(pair));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), key);
      fields.putIfAbsent(key, value);
    }
    return fields;
  }

  private static String decode(String encoded, String field) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw JsonFieldReader.invalid(
          "the form body is not valid URL encoding near the " + field + " field");
    }
  }
}
