package io.webhookagents.adapters.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams through a JSON object and keeps only the values at the paths asked for, such as {@code
 * issue.user.login} or {@code issue.labels[].name}; every other value is skipped by the parser
 * without being decoded. Of the objects and arrays those paths run through, such as {@code issue}
 * and {@code issue.labels}, the kind is kept, so that a getter can say "issue must be an object,
 * was an array".
 *
 * <p>Jackson's streaming parser does the reading: a webhook body is mostly values no rule looks at,
 * and skipping those is where the time goes. When it refuses a body, {@link JsonSyntax} reads it
 * again to say where and why in a sender's words; that costs only refused bodies.
 *
 * <p>The body must be UTF-8 without a byte order mark, as RFC 8259 asks of JSON sent between
 * systems; anything else is refused rather than read with replacement characters. Documents nested
 * deeper than {@value #MAX_DEPTH} levels are refused by the parser, so hostile input ends in a 400,
 * never a stack overflow: this reader only descends along the wanted paths.
 */
final class JsonFieldReader {
  static final int MAX_DEPTH = 64;
  // No field the rules read is a number; names are keys such as "full_name". Both limits are the
  // parser's defaults, set here so that the refusals can name them.
  static final int MAX_NUMBER_LENGTH = 1000;
  static final int MAX_NAME_LENGTH = 50_000;

  private static final JsonFactory PARSERS =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .maxNameLength(MAX_NAME_LENGTH)
                  .build())
          .build();

  // Every set of wanted paths is a constant of the code that reads one kind of body, so this holds
  // a handful of entries; working them out once per kind, not per body, is what it is for.
  private static final Map<Set<String>, Paths> PATHS = new ConcurrentHashMap<>();

  private final Set<String> wanted;
  private final Set<String> prefixes;
  private final Map<String, Set<String>> members;
  private final Map<String, List<JsonValue>> values = new HashMap<>();

  private JsonFieldReader(Paths paths) {
    this.wanted = paths.wanted();
    this.prefixes = paths.prefixes();
    this.members = paths.members();
  }

  /**
   * The paths asked for; the paths they run through, such as {@code issue} for {@code issue.title};
   * and for each object such a path runs through, the member names that lead on, so that any other
   * member is skipped without its path being built.
   */
  private record Paths(Set<String> wanted, Set<String> prefixes, Map<String, Set<String>> members) {
    static Paths of(Set<String> wanted) {
      Set<String> prefixes = prefixesOf(wanted);
      return new Paths(Set.copyOf(wanted), prefixes, membersOf(wanted, prefixes));
    }
  }

  /**
   * The values at {@code wanted} paths of a JSON object.
   *
   * @throws ProblemException (400) when the body is not one well-formed JSON object
   */
  static JsonFields read(byte[] json, Set<String> wanted) {
    checkEncoding(json);
    try (JsonParser parser = PARSERS.createParser(ObjectReadContext.empty(), json)) {
      return new JsonFieldReader(PATHS.computeIfAbsent(wanted, Paths::of)).walk(parser, json);
    } catch (StreamConstraintsException e) {
      throw invalid(beyondLimits(e));
    } catch (JacksonException e) {
      throw invalid(JsonSyntax.explain(json, "the body is not valid JSON: " + reason(e)));
    }
  }

  private JsonFields walk(JsonParser parser, byte[] json) {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw invalid(JsonSyntax.explain(json, "the body is empty"));
    }
    if (first != JsonToken.START_OBJECT) {
      throw invalid("the body must be a JSON object, not " + describe(first));
    }

    object(parser, "");

    if (parser.nextToken() != null) {
      throw invalid("the body has more after its JSON object");
    }
    return new JsonFields(values);
  }

  /** Reads the members of the object just opened, whose path some wanted path runs through. */
  private void object(JsonParser parser, String path) {
    Set<String> leadingOn = members.getOrDefault(path, Set.of());
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; ) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (leadingOn.contains(name)) {
        value(parser, value, path.isEmpty() ? name : path + "." + name);
      } else {
        parser.skipChildren();
      }
      token = parser.nextToken();
    }
  }

  /** Reads the elements of the array just opened, whose path some wanted path runs through. */
  private void array(JsonParser parser, String path) {
    String elements = path + "[]";
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; ) {
      value(parser, token, elements);
      token = parser.nextToken();
    }
  }

  private void value(JsonParser parser, JsonToken token, String path) {
    boolean isWanted = wanted.contains(path);
    boolean leadsOn = prefixes.contains(path);
    if (!isWanted && !leadsOn) {
      parser.skipChildren();
      return;
    }

    JsonValue.Kind kind = kindOf(token);
    if (kind == JsonValue.Kind.OBJECT || kind == JsonValue.Kind.ARRAY || !isWanted) {
      // An object or array is kept as its kind; so is a scalar where one was expected, for the
      // error message.
      record(path, JsonValue.of(kind));
    } else {
      record(path, new JsonValue(kind, kind == JsonValue.Kind.NULL ? "" : parser.getString()));
    }

    if (leadsOn && kind == JsonValue.Kind.OBJECT) {
      object(parser, path);
    } else if (leadsOn && kind == JsonValue.Kind.ARRAY) {
      array(parser, path);
    } else {
      parser.skipChildren();
    }
  }

  private void record(String path, JsonValue value) {
    values.computeIfAbsent(path, p -> new ArrayList<>()).add(value);
  }

  private static JsonValue.Kind kindOf(JsonToken token) {
    switch (token) {
      case START_OBJECT:
        return JsonValue.Kind.OBJECT;
      case START_ARRAY:
        return JsonValue.Kind.ARRAY;
      case VALUE_STRING:
        return JsonValue.Kind.STRING;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return JsonValue.Kind.NUMBER;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return JsonValue.Kind.BOOLEAN;
      case VALUE_NULL:
        return JsonValue.Kind.NULL;
      default:
        throw new IllegalStateException("not a value: " + token);
    }
  }

  private static void checkEncoding(byte[] json) {
    if (json.length >= 3
        && json[0] == (byte) 0xEF
        && json[1] == (byte) 0xBB
        && json[2] == (byte) 0xBF) {
      throw invalid("the body starts with a byte order mark; send UTF-8 JSON without one");
    }
    // Jackson picks UTF-16 or UTF-32 when it finds a zero among a body's first four bytes, which
    // UTF-8 JSON never has there; a zero further on, the parser refuses as any control character.
    for (int i = 0; i < Math.min(4, json.length); i++) {
      if (json[i] == 0) {
        throw invalid("the body has a zero byte (at byte " + i + "); send UTF-8 JSON");
      }
    }

    int invalid = Utf8.firstInvalidByte(json);
    if (invalid >= 0) {
      throw invalid("the body is not valid UTF-8 (at byte " + invalid + ")");
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

  private static Map<String, Set<String>> membersOf(Set<String> wanted, Set<String> prefixes) {
    Map<String, Set<String>> members = new HashMap<>();
    Set<String> paths = new HashSet<>(wanted);
    paths.addAll(prefixes);
    for (String path : paths) {
      if (path.isEmpty() || path.endsWith("[]")) {
        continue;
      }
      int dot = path.lastIndexOf('.');
      String parent = dot < 0 ? "" : path.substring(0, dot);
      members.computeIfAbsent(parent, p -> new HashSet<>()).add(path.substring(dot + 1));
    }
    return members;
  }

  private static String describe(JsonToken token) {
    return kindOf(token).description();
  }

  /** The parser's own words, without the location it appends: those may quote the body. */
  /** What a body past one of the parser's limits is told: it may well be valid JSON. */
  private static String beyondLimits(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "the body is nested deeper than " + MAX_DEPTH + " levels";
    }
    if (message.startsWith("Number value length")) {
      return "the body has a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    if (message.startsWith("Name length")) {
      return "the body has a member name longer than " + MAX_NAME_LENGTH + " characters";
    }
    return "the body is past a limit of the JSON reader: " + reason(e);
  }

  private static String reason(JacksonException e) {
    return Echo.of(String.valueOf(e.getOriginalMessage()));
  }

  static ProblemException invalid(String detail) {
    return Problem.of(ProblemType.INVALID_PAYLOAD, detail).toException();
  }
}
