package io.webhookagents.adapters.http;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import okio.Buffer;
import okio.Okio;

/** Writes response bodies with Moshi, nulls included, since the API promises every key. */
final class Json {

  /** Writes one JSON value. */
  interface Body {
    void writeTo(JsonWriter writer) throws IOException;
  }

  private Json() {}

  /**
   * Writes one JSON value to {@code out} as it goes, holding no more than a buffer of it, and
   * closes {@code out} once the value is whole. When writing fails, {@code out} is left open:
   * closing it would end a chunked answer as though it were complete.
   */
  static void writeTo(OutputStream out, Body body) throws IOException {
    JsonWriter writer = JsonWriter.of(Okio.buffer(Okio.sink(out)));
    writer.setSerializeNulls(true);
    body.writeTo(writer);
    writer.close();
  }

  static byte[] write(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      body.writeTo(writer);
    } catch (IOException e) {
      // A buffer in memory does not fail; this would be a bug.
      throw new UncheckedIOException("could not write a JSON response", e);
    }
    return buffer.readByteArray();
  }

  static byte[] status(String status) {
    return write(writer -> writer.beginObject().name("status").value(status).endObject());
  }
}
