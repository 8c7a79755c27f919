package io.webhookagents.adapters.http;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonReader.Token;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Streams through a JSON object and keeps only the values at the paths asked for, such as {@code
 * issue.user.login} or {@code issue.labels[].name}; everything else is skipped unread. Of the
 * objects and arrays those paths run through, such as {@code issue} and {@code issue.labels}, the
 * kind is kept, so that a getter can say "issue must be an object, was an array".
 *
 * <p>The body must be UTF-8 without a byte order mark, as RFC 8259 asks of JSON sent between
 * systems; anything else is refused rather than read with replacement characters.
 *
 * <p>The walk uses a stack of its own rather than recursion and refuses documents nested deeper
 * than {@value #MAX_DEPTH} levels, so hostile input ends in a 400, never a stack overflow.
 */
final class JsonFieldReader {
  static final int MAX_DEPTH = 64;

  private final Set<String> wanted;
  private final Set<String> prefixes;
  private final Map<String, List<JsonValue>> values = new HashMap<>();

  private JsonFieldReader(Set<String> wanted) {
    this.wanted = wanted;
    this.prefixes = prefixesOf(wanted);
  }

  /**
   * The values at {@code wanted} paths of a JSON object.
   *
   * @throws ProblemException (400) when the body is not one well-formed JSON object
   */
  static JsonFields read(byte[] json, Set<String> wanted) {
    checkEncoding(json);
    JsonReader reader = JsonReader.of(new Buffer().write(json));
    try {
      return new JsonFieldReader(wanted).walk(reader);
    } catch (IOException | JsonDataException e) {
      throw invalid(JsonSyntax.describe(e, JsonSyntax.pathOfError(json, reader.getPath())));
    }
  }

  private JsonFields walk(JsonReader reader) throws IOException {
    Token first = reader.peek();
    if (first != Token.BEGIN_OBJECT) {
      throw invalid("the body must be a JSON object, not " + describe(first));
    }

    Deque<Frame> frames = new ArrayDeque<>();
    reader.beginObject();
    frames.push(new Frame("", false));
    while (!frames.isEmpty()) {
      step(reader, frames);
    }

    if (reader.peek() != Token.END_DOCUMENT) {
      throw invalid("the body has more after its JSON object");
    }
    return new JsonFields(values);
  }

  private void step(JsonReader reader, Deque<Frame> frames) throws IOException {
    Frame frame = frames.element();
    Token token = reader.peek();
    switch (token) {
      case END_OBJECT:
        reader.endObject();
        frames.pop();
        break;
      case END_ARRAY:
        reader.endArray();
        frames.pop();
        break;
      case NAME:
        frame.name(reader);
        break;
      case BEGIN_OBJECT:
      case BEGIN_ARRAY:
        open(reader, frames, frame.childPath(), token);
        break;
      default:
        scalar(reader, frame.childPath(), token);
    }
  }

  private void open(JsonReader reader, Deque<Frame> frames, @Nullable String path, Token token)
      throws IOException {
    if (frames.size() >= MAX_DEPTH) {
      throw invalid("the body is nested deeper than " + MAX_DEPTH + " levels");
    }
    boolean array = token == Token.BEGIN_ARRAY;
    if (path != null && (wanted.contains(path) || prefixes.contains(path))) {
      record(path, JsonValue.of(array ? JsonValue.Kind.ARRAY : JsonValue.Kind.OBJECT));
    }

    if (array) {
      reader.beginArray();
    } else {
      reader.beginObject();
    }
    // Inside a value no wanted path runs through, nothing is kept and no path is built.
    frames.push(new Frame(path != null && prefixes.contains(path) ? path : null, array));
  }

  private void scalar(JsonReader reader, @Nullable String path, Token token) throws IOException {
    if (path != null && !wanted.contains(path) && prefixes.contains(path)) {
      // Where an object or array was expected: keep what was there, for the error message.
      record(path, JsonValue.of(kindOf(token)));
    }
    if (path == null || !wanted.contains(path)) {
      reader.skipValue();
      return;
    }
    switch (token) {
      case STRING:
        record(path, new JsonValue(JsonValue.Kind.STRING, reader.nextString()));
        break;
      case NUMBER:
        record(path, new JsonValue(JsonValue.Kind.NUMBER, reader.nextString()));
        break;
      case BOOLEAN:
        record(path, new JsonValue(JsonValue.Kind.BOOLEAN, String.valueOf(reader.nextBoolean())));
        break;
      default:
        reader.nextNull();
        record(path, JsonValue.of(JsonValue.Kind.NULL));
    }
  }

  private void record(String path, JsonValue value) {
    values.computeIfAbsent(path, p -> new ArrayList<>()).add(value);
  }

  private static JsonValue.Kind kindOf(Token token) {
    switch (token) {
      case STRING:
        return JsonValue.Kind.STRING;
      case NUMBER:
        return JsonValue.Kind.NUMBER;
      case BOOLEAN:
        return JsonValue.Kind.BOOLEAN;
      default:
        return JsonValue.Kind.NULL;
    }
  }

  private static void checkEncoding(byte[] json) {
    if (json.length >= 3
        && json[0] == (byte) 0xEF
        && json[1] == (byte) 0xBB
        && json[2] == (byte) 0xBF) {
      throw invalid("the body starts with a byte order mark; send UTF-8 JSON without one");
    }

    // Decodes through a small buffer: the text itself is not needed, only whether it decodes.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(json);
    CharBuffer out = CharBuffer.allocate(4096);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (result.isError()) {
      throw invalid("the body is not valid UTF-8 (at byte " + in.position() + ")");
    }
  }

  private static Set<String> prefixesOf(Set<String> paths) {
    Set<String> prefixes = new HashSet<>();
    prefixes.add("");
    for (String path : paths) {
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c == '.' || c == '[') {
          prefixes.add(path.substring(0, i));
        }
      }
    }
    return prefixes;
  }

  private static String describe(Token token) {
    switch (token) {
      case BEGIN_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return "empty";
    }
  }

  static ProblemException invalid(String detail) {
    return Problem.of(ProblemType.INVALID_PAYLOAD, detail).toException();
  }

  /** An open object or array, with its path when a wanted path runs through it. */
  private static final class Frame {
    private final @Nullable String path;
    private final boolean array;
    private @Nullable String name;

    Frame(@Nullable String path, boolean array) {
      this.path = path;
      this.array = array;
    }

    void name(JsonReader reader) throws IOException {
      if (path == null) {
        reader.skipName();
      } else {
        name = reader.nextName();
      }
    }

    @Nullable String childPath() {
      if (path == null) {
        return null;
      }
      if (array) {
        return path + "[]";
      }
      return path.isEmpty() ? name : path + "." + name;
    }
  }
}
