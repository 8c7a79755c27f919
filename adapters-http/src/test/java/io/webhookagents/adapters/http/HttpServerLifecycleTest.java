package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpServerLifecycleTest {

  @Test
  void portZero_listensOnAPortTheSystemChose() {
    try (TestServer http = TestServer.start()) {

      int port = http.server.port();

      assertThat(port).isPositive();
      assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void afterStopAcceptingWebhooks_deliveriesAre503WithRetryAfter_andTheApiStillServes() {
    try (TestServer http = TestServer.start()) {

      http.server.stopAcceptingWebhooks();
      HttpResponse<String> delivery =
          http.deliver("issues", "d-1", TestServer.fixture("issues.opened.json"));

      assertThat(delivery.statusCode()).isEqualTo(503);
      assertThat(delivery.headers().firstValue("Retry-After")).hasValue("10");
      assertThat(TestJson.object(delivery.body()))
          .containsEntry("type", "https://webhook-agents.dev/problems/shutting-down");
      assertThat(http.intake.received).isEmpty();
      assertThat(http.get("/health").statusCode()).isEqualTo(200);
      assertThat(http.get("/agents").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void stop_closesThePort() {
    TestServer http = TestServer.start();
    int port = http.server.port();

    http.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void stop_twice_isHarmless() {
    TestServer http = TestServer.start();

    http.close();
    http.close();

    assertThatThrownBy(() -> http.server.port()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void start_twice_isRefused() {
    try (TestServer http = TestServer.start()) {

      assertThatThrownBy(() -> http.server.start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already started");
    }
  }

  @Test
  void start_onAPortInUse_failsNamingTheAddress() throws IOException {
    try (TestServer first = TestServer.start()) {
      HttpSettings taken =
          new HttpSettings("127.0.0.1", first.server.port(), 1024, TestServer.SECRET, null);
      HttpServer second =
          HttpModule.httpServer(
              taken,
              new FakeReceiveWebhook(),
              new FakeQueryAgents(),
              new FakeQueryDeliveries(),
              new FakeChangeAgents(),
              new FakeReadiness(),
              new TestClock(TestServer.NOW),
              new FakeScrapeMetrics());

      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + first.server.port());
    }
  }
}
