package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of the whole service counts what the service did, and no more. */
class MetricsEndpointTest {
  private static final String DELIVERIES = "orchestrator_deliveries_total";
  private static final String TRANSITIONS = "orchestrator_agent_transitions_total";
  private static final String AGENTS = "orchestrator_agents";
  private static final String CONTROLLER_CALLS = "orchestrator_controller_calls_seconds_count";
  private static final String REFUSED = "orchestrator_webhooks_refused_total";

  @TempDir Path dataDir;

  private LocalService service;

  @BeforeEach
  void start() {
    service = LocalService.start(dataDir);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void metrics_countDeliveriesByDecision_andAgentsByStatus() throws Exception {
    String first = agentId(service.deliver("issues.opened.json", "metrics-1"));
    String second = agentId(service.deliver("issues.opened.json", "metrics-2"));
    assertThat(service.deliver("ping.json", "metrics-ping").body()).contains("\"ignored\"");
    assertThat(service.deliver("issues.opened.json", "metrics-1").body()).contains("\"duplicate\"");
    service.awaitStatus(first, "completed");
    service.awaitStatus(second, "completed");

    PrometheusText metrics = scrapeOnceAgentsGaugeReads(2.0);

    assertThat(metrics.value(DELIVERIES, Map.of("decision", "created", "source", "github")))
        .isEqualTo(2.0);
    assertThat(metrics.value(DELIVERIES, Map.of("decision", "ignored", "source", "github")))
        .isEqualTo(1.0);
    assertThat(metrics.value(DELIVERIES, Map.of("decision", "duplicate", "source", "github")))
        .isEqualTo(1.0);
    assertThat(metrics.value(TRANSITIONS, Map.of("status", "pending"))).isEqualTo(2.0);
    assertThat(metrics.value(TRANSITIONS, Map.of("status", "completed"))).isEqualTo(2.0);
    assertThat(metrics.value(AGENTS, Map.of("status", "completed"))).isEqualTo(2.0);
    assertThat(metrics.value(AGENTS, Map.of("status", "pending"))).isEqualTo(0.0);
    assertThat(metrics.value(CONTROLLER_CALLS, Map.of("outcome", "ok", "step", "create-session")))
        .isEqualTo(2.0);
  }

  @Test
  void metrics_countRefusedWebhookRequestsBySourceAndStatus() throws Exception {
    byte[] issue = LocalService.fixture("issues.opened.json");
    byte[] truncated = java.util.Arrays.copyOf(issue, 200);
    assertThat(service.deliver("issues", "metrics-bad-json", truncated).statusCode())
        .isEqualTo(400);
    assertThat(service.deliverSignedWith("not-the-secret", "metrics-bad-signature", issue))
        .isEqualTo(401);

    PrometheusText metrics = new PrometheusText(service.get("/metrics").body());

    assertThat(metrics.value(REFUSED, Map.of("source", "github", "status", "400"))).isEqualTo(1.0);
    assertThat(metrics.value(REFUSED, Map.of("source", "github", "status", "401"))).isEqualTo(1.0);
  }

  @Test
  void metrics_areServedAsPrometheusText_toTokenHoldersOnly() throws Exception {

    HttpResponse<String> anonymous = service.getAnonymously("/metrics");
    HttpResponse<String> withToken = service.get("/metrics");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("orchestrator_");
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(withToken.body()).contains("# TYPE " + AGENTS + " gauge");
  }

  private static String agentId(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return Json.field(created.body(), "agent_id");
  }

  /**
   * Scrapes until the agents gauge shows {@code completed} agents: it counts from the database and
   * keeps a count for a second, so a scrape right after the agents ended may show the one before.
   */
  private PrometheusText scrapeOnceAgentsGaugeReads(double completed) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (true) {
      HttpResponse<String> response = service.get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      PrometheusText metrics = new PrometheusText(response.body());
      if (metrics.value(AGENTS, Map.of("status", "completed")) == completed
          || Instant.now().isAfter(deadline)) {
        return metrics;
      }
      Thread.sleep(100);
    }
  }
}
