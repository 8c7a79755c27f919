package io.webhookagents.adapters.controller;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Keeps only the start of an unsuccessful answer's body. Retrofit reads error bodies whole into
 * memory, and only a short excerpt of one is ever shown, so a proxy's multi-megabyte error page
 * should not be read at all.
 */
final class ErrorBodyLimit implements Interceptor {
  static final long MAX_BYTES = 4096;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.isSuccessful()) {
      return response;
    }

    ResponseBody excerpt = response.peekBody(MAX_BYTES);
    response.close();
    return response.newBuilder().body(excerpt).build();
  }
}
