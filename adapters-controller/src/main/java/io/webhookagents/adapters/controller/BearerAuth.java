package io.webhookagents.adapters.controller;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the controller's bearer token, and asks for JSON, on every call. */
final class BearerAuth implements Interceptor {
  private final String header;

  BearerAuth(String apiKey) {
    this.header = "Bearer " + apiKey;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(
        chain
            .request()
            .newBuilder()
            .header("Authorization", header)
            .header("Accept", "application/json")
            .build());
  }

  @Override
  public String toString() {
    return "BearerAuth[<redacted>]";
  }
}
