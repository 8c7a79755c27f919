package io.webhookagents.adapters.controller;

import com.squareup.moshi.Moshi;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** Builds the one HTTP client and Retrofit service that all controller calls share. */
final class ControllerClients {
  /** Calls in flight at once that the client is sized for; well above DISPATCH_CONCURRENCY. */
  static final int MAX_CONCURRENT_CALLS = 64;

  private ControllerClients() {}

  static OkHttpClient httpClient(ControllerSettings settings) {
    // Synchronous calls bypass the dispatcher's limits; they are set for any async use to come.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);

    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (!settings.httpUrl().isHttps()) {
      // A plain http:// controller, such as one on loopback or inside a cluster, never needs TLS;
      // without a TLS spec the client skips loading the trust store, a tenth of start-up.
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return builder
        .dispatcher(dispatcher)
        // Idle connections go after a second, before the 2 s after which gunicorn closes its (Node
        // and uvicorn wait 5 s): a request body is sent once, so a POST that met a connection the
        // controller had just closed would fail and wait out a retry's backoff. Under load no
        // connection idles that long; at a low rate a call costs a new connection instead.
        .connectionPool(new ConnectionPool(MAX_CONCURRENT_CALLS, 1, TimeUnit.SECONDS))
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        // A redirected POST would turn into a GET; a moved controller is for an operator to fix.
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(new BearerAuth(settings.apiKey()))
        .addInterceptor(new SentOnce())
        .addInterceptor(new ErrorBodyLimit())
        .build();
  }

  static ControllerApi api(OkHttpClient client, ControllerSettings settings) {
    Moshi moshi = new Moshi.Builder().build();
    return new Retrofit.Builder()
        .baseUrl(settings.httpUrl())
        .client(client)
        .addConverterFactory(new AnswerConverterFactory(moshi))
        .addConverterFactory(MoshiConverterFactory.create(moshi))
        .build()
        .create(ControllerApi.class);
  }
}
