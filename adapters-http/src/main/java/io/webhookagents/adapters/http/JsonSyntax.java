package io.webhookagents.adapters.http;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Token;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * Says in plain words where and why a body is not JSON, instead of passing on a parser's own
 * message, which speaks of its API ("Use JsonReader.setLenient(true) ...") rather than of the body.
 * Moshi reads the refused body a second time for this, keeping every key it passes, so the place
 * named is a path a sender can find in their payload.
 */
final class JsonSyntax {
  // Moshi's words, by the start of its message, and what they mean to a sender.
  private static final Map<String, String> REASONS =
      Map.of(
          "Unterminated string", "a string is not closed",
          "Unterminated object", "an object is not closed",
          "Unterminated array", "an array is not closed",
          "Unterminated escape sequence", "a string ends inside an escape sequence",
          "Invalid escape sequence", "a string has an invalid escape sequence",
          "Expected name", "a key is missing or not in double quotes",
          "Expected ':'", "a ':' is missing after a key",
          "Expected value", "a value is missing",
          "Unexpected value", "a value is not JSON",
          "Use JsonReader.setLenient",
              "there is something strict JSON does not allow, such as unquoted text, single"
                  + " quotes, a comment or a stray comma");

  // Where a key is missing, Moshi's path names it "null"; what follows says nothing useful.
  private static final Pattern MISSING_KEY = Pattern.compile("\\.null(?=[.\\[]|$).*");

  private JsonSyntax() {}

  /**
   * Where and why {@code json} is not JSON, as "the body is not valid JSON near $.issue.title: a
   * string is not closed", found by reading it again with every key named; {@code fallback} when
   * this reading finds nothing wrong.
   */
  static String explain(byte[] json, String fallback) {
    JsonReader reader = JsonReader.of(new Buffer().write(json));
    try {
      for (Token token = reader.peek(); token != Token.END_DOCUMENT; token = reader.peek()) {
        step(reader, token);
      }
    } catch (IOException | JsonDataException e) {
      return describe(e, reader.getPath());
    }
    return fallback;
  }

  private static String describe(Exception failure, String path) {
    String near = Echo.of(MISSING_KEY.matcher(path).replaceFirst(""));
    String reason = reason(failure);
    return "the body is not valid JSON near " + near + (reason.isEmpty() ? "" : ": " + reason);
  }

  private static void step(JsonReader reader, Token token) throws IOException {
    switch (token) {
      case BEGIN_OBJECT:
        reader.beginObject();
        break;
      case END_OBJECT:
        reader.endObject();
        break;
      case BEGIN_ARRAY:
        reader.beginArray();
        break;
      case END_ARRAY:
        reader.endArray();
        break;
      case NAME:
        reader.nextName();
        break;
      default:
        reader.skipValue();
    }
  }

  private static String reason(Exception failure) {
    if (failure instanceof EOFException) {
      return "it ends before the JSON does";
    }
    String message = String.valueOf(failure.getMessage());
    for (Map.Entry<String, String> reason : REASONS.entrySet()) {
      if (message.startsWith(reason.getKey())) {
        return reason.getValue();
      }
    }
    return "";
  }
}
