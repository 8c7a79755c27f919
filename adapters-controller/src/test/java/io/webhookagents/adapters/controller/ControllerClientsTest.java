package io.webhookagents.adapters.controller;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
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
}
