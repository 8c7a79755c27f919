package io.webhookagents.adapters.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads response bodies into maps and lists, keeping null values. */
final class TestJson {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private TestJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    return (Map<String, Object>) parse(json);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> array(String json) {
    return (List<Map<String, Object>>) parse(json);
  }

  private static Object parse(String json) {
    try {
      return ANY.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
