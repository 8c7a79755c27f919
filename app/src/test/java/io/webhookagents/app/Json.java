package io.webhookagents.app;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads one top-level field of a JSON object, for assertions on API answers. */
final class Json {
  private static final JsonAdapter<Map<String, Object>> OBJECT =
      new Moshi.Builder()
          .build()
          .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private static final JsonAdapter<List<Map<String, Object>>> ARRAY =
      new Moshi.Builder()
          .build()
          .adapter(
              Types.newParameterizedType(
                  List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));

  private Json() {}

  static List<Map<String, Object>> array(String json) {
    try {
      return ARRAY.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON array: " + json, e);
    }
  }

  static String field(String json, String name) {
    try {
      Object value = OBJECT.fromJson(json).get(name);
      return value == null ? null : String.valueOf(value);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON object: " + json, e);
    }
  }
}
