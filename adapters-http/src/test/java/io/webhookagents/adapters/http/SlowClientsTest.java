package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their body slowly, stop half-way or go away hold no worker thread, are cut off
 * at the body deadline, and are logged as what they are: no fault of the service.
 */
class SlowClientsTest {
  private static final int FEW_WORKERS = 8;
  private static final Duration SHORT_DEADLINE = Duration.ofSeconds(1);

  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
  private final List<TricklingClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    trickle.shutdownNow();
    clients.forEach(TricklingClient::close);
  }

  @Test
  void bodiesTrickledOverMoreConnectionsThanWorkers_leaveHealthAnsweringWithinTwoSeconds() {
    try (TestServer http =
        TestServer.start(TestServer.allSources(), HttpServer.BODY_DEADLINE, FEW_WORKERS)) {
      trickleFrom(http, 5 * FEW_WORKERS);

      HttpResponse<String> health =
          http.send(http.request("/health").timeout(Duration.ofSeconds(2)).GET());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(http.intake.received).isEmpty();
      // Gone clients end their requests, so the server need not wait for them to stop.
      stop();
    }
  }

  @Test
  void bodyStillTricklingAtTheDeadline_isCutOff() {
    try (TestServer http = TestServer.start(TestServer.allSources(), SHORT_DEADLINE, FEW_WORKERS)) {
      long start = System.nanoTime();
      TricklingClient client = trickleFrom(http, 1).get(0);

      String answer = client.awaitClosedByServer(Duration.ofSeconds(10));

      Duration open = Duration.ofNanos(System.nanoTime() - start);
      assertThat(open).isBetween(SHORT_DEADLINE.minusMillis(200), SHORT_DEADLINE.multipliedBy(5));
      // The close may overtake the answer, since the client is still sending; if not, it is 408.
      assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 408 ")).as(answer).isTrue();
      assertThat(http.intake.received).isEmpty();
    }
  }

  @Test
  void bodyStalledHalfWayPastTheDeadline_is408Problem_andTheConnectionCloses() {
    try (TestServer http = TestServer.start(TestServer.allSources(), SHORT_DEADLINE, FEW_WORKERS)) {

      Answer answer =
          RawHttp.postPartly(
              http.server.port(), "/webhook", githubHeaders("d-stalled"), "1000", new byte[10]);

      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
      assertThat(answer.header("Connection")).hasValue("close");
      assertThat(TestJson.object(answer.body()).get("detail").toString())
          .isEqualTo("the whole body must arrive within 1 s of the request; 10 bytes came");
      assertThat(http.intake.received).isEmpty();
      http.assertStillServesHealth();
    }
  }

  @Test
  void clientGoingAwayMidBody_isOneInfoLineNamingTheDeliveryAndAddress_withoutAStackTrace()
      throws IOException {
    try (CapturedLogs logs = CapturedLogs.start();
        TestServer http = TestServer.start()) {

      try (Socket socket = new Socket("127.0.0.1", http.server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(head(http.server.port(), "d-gone", 100_000));
        out.write(new byte[100]);
        out.flush();
      }

      ILoggingEvent line = logs.await("went away");
      assertThat(line.getLevel()).isEqualTo(Level.INFO);
      assertThat(line.getFormattedMessage())
          .contains("POST /webhook", "github delivery d-gone", "127.0.0.1", "after 100 bytes");
      assertThat(logs.lines()).allMatch(event -> event.getThrowableProxy() == null);
      assertThat(logs.lines()).noneMatch(event -> event.getLevel() == Level.ERROR);
      assertThat(http.intake.received).isEmpty();
      http.assertStillServesHealth();
    }
  }

  @Test
  void manyClientsGoingAway_areLoggedOneByOneUpToTheLimit_andTheRestCounted()
      throws IOException, InterruptedException {
    int gone = 3 * LimitedLog.LINES_PER_SECOND;
    try (CapturedLogs logs = CapturedLogs.start();
        TestServer http = TestServer.start()) {

      for (int i = 0; i < gone; i++) {
        try (Socket socket = new Socket("127.0.0.1", http.server.port())) {
          socket.getOutputStream().write(head(http.server.port(), "d-gone-" + i, 100_000));
        }
      }

      // The count of a second comes about a second after its last line.
      Eventually.waitUntil(() -> logs.count("went away after") + counted(logs) >= gone);
      assertThat(logs.count("went away after") + counted(logs)).isEqualTo(gone);
      assertThat(logs.count("went away after")).isLessThan(gone);
      http.assertStillServesHealth();
    }
  }

  private static long counted(CapturedLogs logs) {
    Pattern count = Pattern.compile("^HTTP: (\\d+) more clients were too slow or went away");
    return logs.lines().stream()
        .map(line -> count.matcher(line.getFormattedMessage()))
        .filter(Matcher::find)
        .mapToLong(found -> Long.parseLong(found.group(1)))
        .sum();
  }

  private List<TricklingClient> trickleFrom(TestServer http, int connections) {
    for (int i = 0; i < connections; i++) {
      clients.add(TricklingClient.open(http.server.port(), "d-slow-" + i));
    }
    trickle.scheduleAtFixedRate(
        () -> clients.forEach(TricklingClient::sendAByte), 100, 100, TimeUnit.MILLISECONDS);
    sleep(Duration.ofMillis(300));
    return clients;
  }

  private static Map<String, String> githubHeaders(String delivery) {
    return Map.of(
        "Content-Type",
        "application/json",
        "X-GitHub-Event",
        "issues",
        "X-GitHub-Delivery",
        delivery,
        "X-Hub-Signature-256",
        "sha256=" + "0".repeat(64));
  }

  private static byte[] head(int port, String delivery, int length) {
    StringBuilder head = new StringBuilder("POST /webhook HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    githubHeaders(delivery).forEach((name, value) -> head.append(name + ": " + value + "\r\n"));
    head.append("Content-Length: ").append(length).append("\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the clients trickled", e);
    }
  }
}
