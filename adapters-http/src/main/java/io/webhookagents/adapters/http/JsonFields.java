package io.webhookagents.adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values {@link JsonFieldReader} kept from a JSON body, by path, with typed getters whose
 * errors name the field, e.g. "issue.title is missing". Strict getters refuse a value of the wrong
 * type with a 400, and so a path that runs through something other than an object or array, such as
 * {@code sender.login} when {@code sender} is a number; lenient ones treat either as absent.
 */
final class JsonFields {
  private final Map<String, List<JsonValue>> values;

  JsonFields(Map<String, List<JsonValue>> values) {
    this.values = Map.copyOf(values);
  }

  /** The value at {@code path}; the last one when a key was repeated. */
  JsonValue get(String path) {
    List<JsonValue> all = values.get(path);
    return all == null ? JsonValue.ABSENT : all.get(all.size() - 1);
  }

  String requireString(String path) {
    JsonValue value = checked(path);
    if (value.isAbsentOrNull()) {
      throw missing(path, value);
    }
    return string(path, value);
  }

  /** The string at {@code path}, or null when it is absent or null. */
  @Nullable String optionalString(String path) {
    JsonValue value = checked(path);
    return value.isAbsentOrNull() ? null : string(path, value);
  }

  /** The string at {@code path}, or null when it is absent, null or not a string. */
  @Nullable String lenientString(String path) {
    JsonValue value = get(path);
    return value.kind() == JsonValue.Kind.STRING ? value.text() : null;
  }

  long requireWholeNumber(String path) {
    JsonValue value = checked(path);
    if (value.isAbsentOrNull()) {
      throw missing(path, value);
    }
    return wholeNumber(path, value);
  }

  /** The whole number at {@code path}, which counts from 1 as issue and pull request numbers do. */
  long requireNumberFromOne(String path) {
    long number = requireWholeNumber(path);
    if (number < 1) {
      throw JsonFieldReader.invalid(path + " must be 1 or more, was " + number);
    }
    return number;
  }

  /** The whole number at {@code path} if it fits an int, or null when it is absent or null. */
  @Nullable Integer optionalInt(String path) {
    JsonValue value = checked(path);
    if (value.isAbsentOrNull()) {
      return null;
    }
    long number = wholeNumber(path, value);
    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      throw JsonFieldReader.invalid(path + " is out of range: " + number);
    }
    return (int) number;
  }

  /** True when {@code path} holds anything but null. */
  boolean hasValue(String path) {
    return !get(path).isAbsentOrNull();
  }

  /** Every string at a path that runs through an array, in order; empty when there is none. */
  List<String> strings(String path) {
    checkContainers(path);
    List<String> strings = new ArrayList<>();
    for (JsonValue value : values.getOrDefault(path, List.of())) {
      strings.add(string(path, value));
    }
    return strings;
  }

  private JsonValue checked(String path) {
    checkContainers(path);
    return get(path);
  }

  /** Refuses a path whose objects and arrays, outermost first, are something else. */
  private void checkContainers(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '.' && c != '[') {
        continue;
      }
      String container = path.substring(0, i);
      JsonValue.Kind expected = c == '.' ? JsonValue.Kind.OBJECT : JsonValue.Kind.ARRAY;
      for (JsonValue value : values.getOrDefault(container, List.of())) {
        if (!value.isAbsentOrNull() && value.kind() != expected) {
          throw wrongType(container, expected.description(), value);
        }
      }
    }
  }

  private static String string(String path, JsonValue value) {
    if (value.kind() != JsonValue.Kind.STRING) {
      throw wrongType(path, "a string", value);
    }
    return value.text();
  }

  private static long wholeNumber(String path, JsonValue value) {
    if (value.kind() != JsonValue.Kind.NUMBER) {
      throw wrongType(path, "a whole number", value);
    }
    try {
      return Long.parseLong(value.text());
    } catch (NumberFormatException e) {
      throw JsonFieldReader.invalid(path + " must be a whole number, was " + value.text());
    }
  }

  private static ProblemException missing(String path, JsonValue value) {
    return JsonFieldReader.invalid(
        path + (value.kind() == JsonValue.Kind.NULL ? " is null" : " is missing"));
  }

  private static ProblemException wrongType(String path, String expected, JsonValue value) {
    return JsonFieldReader.invalid(
        path + " must be " + expected + ", was " + value.kind().description());
  }
}
