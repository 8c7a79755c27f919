package io.webhookagents.adapters.controller;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Marks every request body as one OkHttp may send only once.
 *
 * <p>When a reused connection fails after a request went out, OkHttp sends the request again on a
 * new one, unseen by the caller. For a POST to the controller that is a second session or task the
 * agent's timeline never shows: the controller may well have acted on the first. A one-shot body is
 * not sent again once sent; the failure reaches the dispatcher, which retries after its backoff, in
 * the timeline, with the same Idempotency-Key. What OkHttp does before a request is sent stays:
 * trying a host's other addresses when one refuses, and a new connection for a GET whose pooled one
 * the controller had closed.
 */
final class SentOnce implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RequestBody body = request.body();
    if (body == null || body.isOneShot()) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().method(request.method(), new OneShot(body)).build());
  }

  private static final class OneShot extends RequestBody {
    private final RequestBody body;

    OneShot(RequestBody body) {
      this.body = body;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return body.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      body.writeTo(sink);
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }
}
