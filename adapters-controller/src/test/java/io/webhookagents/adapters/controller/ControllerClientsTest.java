package io.webhookagents.adapters.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class ControllerClientsTest {

  @Test
  void plainHttpController_getsAClientWithoutTls() {
    OkHttpClient client =
        ControllerClients.httpClient(ControllerSettings.of("http://127.0.0.1:9100", "k", "m"));

    assertThat(client.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
  }

  @Test
  void httpsController_keepsOkHttpsTlsSpecs() {
    OkHttpClient client =
        ControllerClients.httpClient(ControllerSettings.of("https://controller.example", "k", "m"));

    assertThat(client.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
    assertThat(client.sslSocketFactory()).isNotNull();
  }

  @Test
  void aHostWhoseFirstAddressRefuses_isReachedAtItsNext() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody("{\"id\": \"sess-1\"}"));
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      // Nothing listens on 127.0.0.2: connecting there is refused, as at a controller address
      // that is down while another of the same name is up.
      OkHttpClient client =
          ControllerClients.httpClient(ControllerSettings.of("http://127.0.0.1:9100", "k", "m"))
              .newBuilder()
              .dns(
                  host ->
                      List.of(
                          InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1")))
              .build();
      Request post =
          new Request.Builder()
              .url("http://controller.test:" + server.getPort() + "/api/v1/sessions")
              .post(RequestBody.create("{}", MediaType.get("application/json")))
              .build();

      try (Response response = client.newCall(post).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aGetOverAConnectionTheControllerClosed_goesOutAgainOnANewOne() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      // The first answer's connection is closed right after it, but stays in the client's pool.
      server.enqueue(
          new MockResponse()
              .setBody("{\"id\": \"t-1\", \"status\": \"running\"}")
              .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
      server.enqueue(new MockResponse().setBody("{\"id\": \"t-1\", \"status\": \"done\"}"));
      server.start();
      OkHttpClient client =
          ControllerClients.httpClient(ControllerSettings.of(server.url("/").toString(), "k", "m"));
      Request poll =
          new Request.Builder().url(server.url("/api/v1/sessions/s-1/tasks/t-1")).build();

      try (Response first = client.newCall(poll).execute()) {
        assertThat(first.body().string()).contains("running");
      }
      try (Response second = client.newCall(poll).execute()) {
        assertThat(second.body().string()).contains("done");
      }
    }
  }
}
