package io.webhookagents.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes the %-escapes of a request's path and query. Undertow is told not to decode them itself,
 * since it answers a broken escape with a bare 400 before any handler runs; here it is a problem
 * that names the part at fault.
 *
 * <p>Characters sent unescaped arrive one per byte, as Undertow read them; escaped or not, the
 * bytes are read as UTF-8, and a sequence that is not UTF-8 becomes U+FFFD.
 */
final class UrlDecoding {
  private UrlDecoding() {}

  /**
   * The path, decoded.
   *
   * @throws ProblemException (400) when a {@code %} is not followed by two hex digits
   */
  static String path(String raw) {
    return decode(raw, false, "the path");
  }

  /**
   * A name or value of the query string, decoded; {@code +} is a space there.
   *
   * @throws ProblemException (400) when a {@code %} is not followed by two hex digits
   */
  static String queryPart(String raw) {
    return decode(raw, true, "the query string");
  }

  private static String decode(String raw, boolean plusIsSpace, String where) {
    if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0) && isAscii(raw)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        bytes.write(escaped(raw, i, where));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xFF) {
        bytes.write(c);
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int escaped(String raw, int at, String where) {
    if (at + 2 < raw.length()
        && HexFormat.isHexDigit(raw.charAt(at + 1))
        && HexFormat.isHexDigit(raw.charAt(at + 2))) {
      return HexFormat.fromHexDigits(raw, at + 1, at + 3);
    }
    throw Problem.of(
            ProblemType.INVALID_REQUEST,
            where + " has a % that is not followed by two hex digits; write a % itself as %25")
        .toException();
  }

  private static boolean isAscii(String raw) {
    return raw.chars().allMatch(c -> c < 0x80);
  }
}
