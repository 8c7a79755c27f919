package io.webhookagents.adapters.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
   * The decoded bytes of the first field called {@code name}; null when there is none. The body is
   * read in place, since a GitHub payload can be 25 MiB: only the field's own bytes are copied.
   *
   * @throws ProblemException (400) when the body or the decoded field is not UTF-8, or the field's
   *     percent-encoding is malformed
   */
  static byte @Nullable [] field(byte[] body, String name) {
    checkUtf8(body, "the form body is not valid UTF-8");
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int start = 0; start <= body.length; ) {
      int end = indexOf(body, (byte) '&', start, body.length);
      int equals = indexOf(body, (byte) '=', start, end);
      if (Arrays.equals(decoded(body, start, equals, name), wanted)) {
        byte[] value = equals < end ? decoded(body, equals + 1, end, name) : new byte[0];
        checkUtf8(
            value,
            "the form body's " + name + " field is not valid UTF-8 once its %-escapes are decoded");
        return value;
      }
      start = end + 1;
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
    return utf8(
        decoded(in, 0, in.length, field),
        "the form body's " + field + " field is not valid UTF-8 once its %-escapes are decoded");
  }

  /**
   * The bytes {@code from} to {@code to} of {@code in}, '+' as a space and each %XX as its byte.
   */
  private static byte[] decoded(byte[] in, int from, int to, String field) {
    int length = 0;
    for (int i = from; i < to; i++, length++) {
      if (in[i] == '%') {
        if (i + 2 >= to
            || Character.digit(in[i + 1], 16) < 0
            || Character.digit(in[i + 2], 16) < 0) {
          throw JsonFieldReader.invalid(
              "the form body is not valid URL encoding near the " + field + " field");
        }
        i += 2;
      }
    }

    byte[] out = new byte[length];
    for (int i = from, o = 0; i < to; i++, o++) {
      if (in[i] == '%') {
        out[o] = (byte) (Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out[o] = in[i] == '+' ? (byte) ' ' : in[i];
      }
    }
    return out;
  }

  /** The index of {@code wanted} in {@code in} from {@code from}, or {@code to} when not before. */
  private static int indexOf(byte[] in, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == wanted) {
        return i;
      }
    }
    return to;
  }

  private static void checkUtf8(byte[] bytes, String refusal) {
    if (Utf8.firstInvalidByte(bytes) >= 0) {
      throw JsonFieldReader.invalid(refusal);
    }
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
