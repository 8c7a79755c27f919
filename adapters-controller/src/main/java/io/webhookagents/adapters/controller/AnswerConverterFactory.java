package io.webhookagents.adapters.controller;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reads successful answers with Moshi, keeping apart the two ways that can fail.
 *
 * <p>Moshi reports bad JSON with {@code IOException}s of its own, the same type the network uses
 * for a dropped connection; a caller could not tell a controller bug from a hiccup. So the body is
 * first read into memory (a network failure surfaces here as the {@code IOException} it is), and
 * only then parsed, with any parse failure turned into a {@link MalformedAnswerException}.
 */
final class AnswerConverterFactory extends Converter.Factory {
  static final long MAX_BYTES = 64 * 1024;

  private final Moshi moshi;

  AnswerConverterFactory(Moshi moshi) {
    this.moshi = moshi;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    JsonAdapter<?> adapter = moshi.adapter(type);
    return body -> read(adapter, body);
  }

  private static <T> @Nullable T read(JsonAdapter<T> adapter, ResponseBody body)
      throws IOException {
    try (body) {
      BufferedSource source = body.source();
      if (source.request(MAX_BYTES + 1)) {
        throw new MalformedAnswerException("a body over " + MAX_BYTES + " bytes", "");
      }
      return parse(adapter, source.getBuffer().clone());
    }
  }

  private static <T> @Nullable T parse(JsonAdapter<T> adapter, Buffer bytes) {
    String text = bytes.snapshot().utf8();
    if (text.isBlank()) {
      throw new MalformedAnswerException("an empty body", "");
    }

    try (JsonReader reader = JsonReader.of(bytes)) {
      T value = adapter.fromJson(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new MalformedAnswerException("more than one JSON value", text);
      }
      return value;
    } catch (JsonDataException e) {
      throw new MalformedAnswerException("JSON of another shape (" + e.getMessage() + ")", text);
    } catch (IOException e) {
      // Nothing here touches the network any more: this is Moshi rejecting the text.
      throw new MalformedAnswerException("a body that is not JSON", text);
    }
  }

  /** A successful answer whose body could not be read as the expected JSON. */
  static final class MalformedAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String body;

    /**
     * @param what the answer, in words that follow "answered with", e.g. "an empty body"
     * @param body the body as received, for an excerpt; may hold anything, secrets included
     */
    MalformedAnswerException(String what, String body) {
      super(what, null, false, false);
      this.body = body;
    }

    String body() {
      return body;
    }
  }
}
