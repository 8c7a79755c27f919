package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each webhook request refused before it became a delivery is counted once, by its source and the
 * status it was answered, through the intake port; accepted deliveries and requests the router
 * refuses before any source is involved are not.
 */
class RefusalCountTest {
  private static final byte[] ISSUE = TestServer.fixture("issues.opened.json");

  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void wrongSignature_isCountedAs401() {
    HttpResponse<String> response =
        http.send(
            http.githubRequest("/webhook", "issues", "d-1", ISSUE)
                .setHeader("X-Hub-Signature-256", "sha256=" + "ab".repeat(32)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(http.intake.refused).containsExactly("github 401");
  }

  @Test
  void unreadablePayload_isCountedAs400() {
    byte[] truncated = new String(ISSUE, StandardCharsets.UTF_8).substring(0, 200).getBytes();

    HttpResponse<String> response = http.deliver("issues", "d-1", truncated);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(http.intake.refused).containsExactly("github 400");
  }

  @Test
  void unconfiguredSource_isCountedAs404UnderItsName() {
    HttpResponse<String> response = http.post("/webhooks/linear", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(http.intake.refused).containsExactly("linear 404");
  }

  @Test
  void bodyGrowingPastTheLimitWhileRead_isCountedAs413() {
    try (TestServer tight = TestServer.start(TestServer.settings(TestServer.SECRET, null, 1024))) {
      byte[] body = ("{\"zen\":\"" + "x".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);

      HttpResponse<String> response =
          tight.send(
              tight
                  .githubRequest("/webhook", "ping", "d", body)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(body))));

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(tight.intake.refused).containsExactly("github 413");
    }
  }

  @Test
  void wrongMethod_isNotCounted() {
    HttpResponse<String> response = http.get("/webhook");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(http.intake.refused).isEmpty();
  }

  @Test
  void acceptedDelivery_isNotCounted() {
    HttpResponse<String> response = http.deliver("issues", "d-1", ISSUE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.received).hasSize(1);
    assertThat(http.intake.refused).isEmpty();
  }
}
