package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the service as its own JVM on a real SQLite file and kills it with SIGKILL at random moments
 * while signed deliveries arrive and the controller fails or stalls some calls. After the last
 * restart it drains, then checks that nothing was lost or doubled.
 */
class CrashRecoveryTest {
  private static final String SECRET = "crash-secret";
  private static final int DELIVERIES = 300;
  private static final int KILLS = 4;

  @TempDir Path dir;

  private final MockWebServer controller = new MockWebServer();
  private final FlakyController flaky = new FlakyController(new Random(42));
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process service;

  @AfterEach
  void tearDown() throws IOException {
    if (service != null) {
      service.destroyForcibly();
    }
    controller.shutdown();
  }

  @Test
  void killedAtRandomMoments_losesNothingAndNeverDoublesASession() throws Exception {
    controller.setDispatcher(flaky);
    controller.start(InetAddress.getLoopbackAddress(), 0);
    int port = freePort();
    String webhook = "http://127.0.0.1:" + port + "/webhook";
    byte[] template = Files.readAllBytes(Fixtures.githubDirectory().resolve("issues.opened.json"));
    Map<String, String> answers = new ConcurrentHashMap<>();

    service = startService(port);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      int n = i;
      sent.add(senders.submit(() -> deliverUntilAnswered(webhook, template, n, answers)));
    }
    Random chaos = new Random(7);
    for (int kill = 0; kill < KILLS; kill++) {
      Thread.sleep(300 + chaos.nextInt(1200));
      service.destroyForcibly().waitFor();
      service = startService(port);
    }
    for (Future<?> future : sent) {
      future.get(2, TimeUnit.MINUTES);
    }
    senders.shutdown();
    List<Map<String, Object>> agents = drain(port);

    assertEveryAcceptedDeliveryHasExactlyOneAgent(answers, agents);
    assertNoAgentEverGotTwoSessions(agents);
    assertThat(agents)
        .extracting(a -> a.get("status"))
        .doesNotContain("pending", "session_created");
    assertThat(flaky.failed.get() + flaky.stalled.get()).as("injected faults").isPositive();
  }

  private void assertEveryAcceptedDeliveryHasExactlyOneAgent(
      Map<String, String> answers, List<Map<String, Object>> agents) {
    Map<String, List<String>> agentsByDelivery = new ConcurrentHashMap<>();
    for (Map<String, Object> agent : agents) {
      agentsByDelivery
          .computeIfAbsent((String) agent.get("delivery_id"), d -> new ArrayList<>())
          .add((String) agent.get("id"));
    }
    assertThat(answers).hasSize(DELIVERIES);
    answers.forEach(
        (delivery, agentId) ->
            assertThat(agentsByDelivery.get(delivery)).as(delivery).containsExactly(agentId));
    assertThat(agents).hasSize(DELIVERIES);
  }

  private void assertNoAgentEverGotTwoSessions(List<Map<String, Object>> agents) {
    for (Map<String, Object> agent : agents) {
      String key = agent.get("id") + ":create-session";
      assertThat(flaky.sessionsByKey.get(key)).as(key).isEqualTo(agent.get("session_id"));
    }
    assertThat(flaky.sessionsByKey).hasSize(agents.size());
    assertThat(flaky.tasksBySession.values()).as("tasks per session").containsOnly(1);
  }

  /** Sends one delivery as GitHub would: again and again until the service answers it. */
  private void deliverUntilAnswered(
      String url, byte[] template, int n, Map<String, String> answers) {
    String delivery = "crash-" + n;
    byte[] body =
        new String(template, StandardCharsets.UTF_8)
            .replaceFirst("\"number\": 1,", "\"number\": " + (1000 + n) + ",")
            .getBytes(StandardCharsets.UTF_8);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response = http.send(signed(url, delivery, body), ofString());
        if (response.statusCode() == 202 || response.statusCode() == 200) {
          answers.put(delivery, Json.field(response.body(), "agent_id"));
          return;
        }
      } catch (IOException e) {
        // The service is down or was killed mid-answer: redeliver, as GitHub does.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(100);
    }
    throw new AssertionError("delivery " + delivery + " was never answered");
  }

  private List<Map<String, Object>> drain(int port) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<Map<String, Object>> agents = List.of();
    while (Instant.now().isBefore(deadline)) {
      agents = Json.array(get(port, "/agents?limit=500"));
      boolean settled =
          agents.size() == DELIVERIES
              && agents.stream()
                  .noneMatch(
                      a ->
                          "pending".equals(a.get("status"))
                              || "session_created".equals(a.get("status")));
      if (settled) {
        return agents;
      }
      Thread.sleep(250);
    }
    return agents;
  }

  private String get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    return http.send(request, ofString()).body();
  }

  private Process startService(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    Map<String, String> env = builder.environment();
    env.put("GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("CONTROLLER_URL", controller.url("/").toString());
    env.put("CONTROLLER_API_KEY", "crash-key");
    env.put("CONTROLLER_READ_TIMEOUT", "1s");
    env.put("DISPATCH_RETRY_BASE", "50ms");
    env.put("DISPATCH_RETRY_MAX", "500ms");
    env.put("DISPATCH_MAX_ATTEMPTS", "50");
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("PORT", String.valueOf(port));
    env.put("DB_PATH", dir.resolve("agents.db").toString());
    env.put("LOG_LEVEL", "WARN");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
    Process process = builder.start();
    awaitReady(port, process);
    return process;
  }

  private void awaitReady(int port, Process process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        HttpRequest ready =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build();
        if (http.send(ready, ofString()).statusCode() == 200) {
          return;
        }
      } catch (ConnectException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "service did not become ready: " + Files.readString(dir.resolve("service.log")));
  }

  private static HttpRequest signed(String url, String delivery, byte[] body) {
    return GitHubSignature.delivery(url, "issues", delivery, SECRET, body)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A controller that honours idempotency keys (a repeated key gets the first answer), fails one
   * call in ten with a 500 and stalls one in twenty past the client's read timeout.
   */
  private static final class FlakyController extends Dispatcher {
    final Map<String, String> sessionsByKey = new ConcurrentHashMap<>();
    final Map<String, String> tasksByKey = new ConcurrentHashMap<>();
    final Map<String, Integer> tasksBySession = new ConcurrentHashMap<>();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Random random;

    FlakyController(Random random) {
      this.random = random;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      if (roll < 0.10) {
        failed.incrementAndGet();
        return new MockResponse().setResponseCode(500).setBody("{\"error\":\"injected\"}");
      }

      String key = String.valueOf(request.getHeader("Idempotency-Key"));
      String path = String.valueOf(request.getPath());
      String id;
      if (path.equals("/api/v1/sessions")) {
        id = sessionsByKey.computeIfAbsent(key, k -> "session-" + ids.incrementAndGet());
      } else if (path.endsWith("/tasks") && request.getMethod().equals("POST")) {
        String session = path.split("/")[4];
        id =
            tasksByKey.computeIfAbsent(
                key,
                k -> {
                  tasksBySession.merge(session, 1, Integer::sum);
                  return "task-" + ids.incrementAndGet();
                });
      } else {
        return new MockResponse().setBody("{\"id\":\"x\",\"status\":\"running\"}");
      }

      MockResponse response = new MockResponse().setBody("{\"id\":\"" + id + "\"}");
      if (roll < 0.15) {
        // The call took effect, but its answer arrives too late: the client must retry with the
        // same key and get the same id back.
        stalled.incrementAndGet();
        response.setHeadersDelay(1500, TimeUnit.MILLISECONDS);
      }
      return response;
    }
  }
}
