package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} through the real server. */
class MetricsApiTest {
  private static final String TOKEN = "metrics-api-token";

  @Test
  void metrics_serveTheScrapeInItsOwnContentType() {
    try (TestServer http = TestServer.start()) {
      http.metrics.text =
          "# TYPE orchestrator_agents gauge\norchestrator_agents{status=\"é\"} 2.0\n";

      HttpResponse<String> response = http.get("/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(FakeScrapeMetrics.CONTENT_TYPE);
      assertThat(response.body()).isEqualTo(http.metrics.text);
    }
  }

  @Test
  void withAToken_metricsNeedIt() {
    try (TestServer http = withToken()) {

      HttpResponse<String> without = http.get("/metrics");
      HttpResponse<String> with =
          http.send(http.request("/metrics").header("Authorization", "Bearer " + TOKEN));

      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(without.body()).doesNotContain("orchestrator_up");
      assertThat(with.statusCode()).isEqualTo(200);
      assertThat(with.body()).contains("orchestrator_up 1.0");
    }
  }

  @Test
  void metrics_takeOnlyGetAndHead() {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> post = http.post("/metrics", "{}");
      HttpResponse<String> head =
          http.send(http.request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()));

      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  private static TestServer withToken() {
    return TestServer.start(
        TestServer.settings(TestServer.SECRET, TOKEN, HttpSettings.DEFAULT_MAX_BODY_BYTES));
  }
}
