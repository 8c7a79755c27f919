package io.webhookagents.adapters.http;

import static io.webhookagents.adapters.http.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ShutdownRaceTest {
  private static final int SENDERS = 4;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void everyWebhookRefusedWhileTheServerStops_getsTheProblemAnswerWithRetryAfter()
      throws Exception {
    TestServer http = TestServer.start();
    HttpRequest delivery =
        http.githubRequest("/webhook", "issues", "d-1", TestServer.fixture("issues.opened.json"))
            .build();
    CountDownLatch release = new CountDownLatch(1);
    http.intake.hold = release;
    List<HttpResponse<String>> refused = new CopyOnWriteArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS + 1);

    // One delivery in flight keeps the graceful shutdown waiting while the others keep coming.
    // Only that one is held: a sender whose delivery got in before the stop must not wait for
    // the release too, or every sender could be waiting and none of them ever refused.
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(delivery, HttpResponse.BodyHandlers.ofString());
    waitUntil(() -> !http.intake.received.isEmpty());
    http.intake.hold = null;
    for (int i = 0; i < SENDERS; i++) {
      senders.execute(() -> sendUntilStopped(delivery, sending, refused));
    }
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(http::close, senders);
    waitUntil(() -> !refused.isEmpty());
    Thread.sleep(200);
    release.countDown();
    stopping.get(20, TimeUnit.SECONDS);
    sending.set(false);
    senders.shutdown();
    senders.awaitTermination(20, TimeUnit.SECONDS);

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(refused).isNotEmpty();
    assertThat(refused)
        .allSatisfy(
            response -> {
              assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
              assertThat(response.headers().firstValue("Content-Type"))
                  .hasValue("application/problem+json");
              assertThat(TestJson.object(response.body()))
                  .containsEntry("type", "https://webhook-agents.dev/problems/shutting-down")
                  .containsEntry("status", 503.0);
            });
  }

  private void sendUntilStopped(
      HttpRequest delivery, AtomicBoolean sending, List<HttpResponse<String>> refused) {
    while (sending.get()) {
      try {
        HttpResponse<String> response = client.send(delivery, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
          refused.add(response);
        }
      } catch (IOException e) {
        // The port is closing or closed: expected once the server has stopped.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
