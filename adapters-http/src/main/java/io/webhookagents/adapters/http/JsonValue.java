package io.webhookagents.adapters.http;

import java.util.Objects;

/**
 * One value read from a JSON body: what kind it was and, for strings, numbers and booleans, its
 * text as written. Other kinds have empty text; objects and arrays are kept without content.
 */
record JsonValue(Kind kind, String text) {
  static final JsonValue ABSENT = of(Kind.ABSENT);

  /** What a JSON value was, with the words an error message uses for it. */
  enum Kind {
    ABSENT("missing"),
    NULL("null"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    OBJECT("an object"),
    ARRAY("an array");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  JsonValue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  /** A value whose kind is all there is to it: null, or an object or array. */
  static JsonValue of(Kind kind) {
    return new JsonValue(kind, "");
  }

  boolean isAbsentOrNull() {
    return kind == Kind.ABSENT || kind == Kind.NULL;
  }
}
