package io.webhookagents.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields out of an {@code application/x-www-form-urlencoded} body. The body, and each field
 * once its percent-escapes are decoded, must be UTF-8: bytes that are not are refused, never read
 * as replacement characters, as {@link JsonFieldReader} does for JSON.
 */
final class FormBody {
  private FormBody() {}

  /**
   * The decoded value of the first field called {@code name}; null when there is none.
   *
   * @throws ProblemException (400) when the field's percent-encoding is malformed
   */
  static @Nullable String field(byte[] body, String name) {
    String form = utf8(body, "the form body is not valid UTF-8");
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
    String form = utf8(body, "the form body is not valid UTF-8");
    for (String pair : form.split("&", -1)) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals), Echo.of(pair));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), key);
      fields.putIfAbsent(key, value);
    }
    return fields;
  }

  /** {@code encoded} with '+' as a space and each %XX as the byte it names, read as UTF-8. */
  private static String decode(String encoded, String field) {
    byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '+') {
        out.write(' ');
      } else if (in[i] != '%') {
        out.write(in[i]);
      } else {
        int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
        int low = high < 0 ? -1 : Character.digit(in[i + 2], 16);
        if (low < 0) {
          throw JsonFieldReader.invalid(
              "the form body is not valid URL encoding near the " + field + " field");
        }
        out.write(high * 16 + low);
        i += 2;
      }
    }
    return utf8(
        out.toByteArray(),
        "the form body's " + field + " field is not valid UTF-8 once its %-escapes are decoded");
  }

  private static String utf8(byte[] bytes, String refusal) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw JsonFieldReader.invalid(refusal);
    }
  }
}
