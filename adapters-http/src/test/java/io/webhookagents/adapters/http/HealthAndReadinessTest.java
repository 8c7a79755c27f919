package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthAndReadinessTest {
  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void health_isOkWhileTheProcessServes() {
    HttpResponse<String> response = http.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestJson.object(response.body())).isEqualTo(Map.of("status", "ok"));
  }

  @Test
  void ready_withoutProblems_is200() {
    HttpResponse<String> response = http.get("/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(response.body())).isEqualTo(Map.of("status", "ready"));
  }

  @Test
  void ready_withProblems_is503ListingThem() {
    http.readiness.problems = List.of("the database is not writable", "dispatch is not running");

    HttpResponse<String> response = http.get("/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(TestJson.object(response.body()))
        .isEqualTo(
            Map.of(
                "status",
                "not ready",
                "problems",
                List.of("the database is not writable", "dispatch is not running")));
  }

  @Test
  void ready_whenTheCheckItselfFails_is503() {
    http.readiness.failure = new IllegalStateException("pool closed");

    HttpResponse<String> response = http.get("/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(TestJson.object(response.body())).containsEntry("status", "not ready");
  }

  @Test
  void health_withPost_is405() {
    HttpResponse<String> response = http.post("/health", "{}");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }
}
