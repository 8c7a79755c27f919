package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.app.config.AppConfig;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service as a user runs it: real Undertow on a real port, a real SQLite file, and a
 * controller on loopback (MockWebServer), fed with every GitHub fixture.
 */
class EndToEndTest {
  private static final String SECRET = "e2e-webhook-secret";
  private static final String API_KEY = "e2e-controller-key";
  private static final String SLACK_SECRET = "e2e-slack-secret";
  private static final Path FIXTURES = Fixtures.githubDirectory();

  @TempDir Path dataDir;

  private final MockWebServer controller = new MockWebServer();
  private final List<RecordedRequest> controllerCalls = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Orchestrator orchestrator;
  private String base;

  @BeforeEach
  void start() throws IOException {
    controller.setDispatcher(new CountingController());
    controller.start(java.net.InetAddress.getLoopbackAddress(), 0);
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("SLACK_SIGNING_SECRET", SLACK_SECRET);
    env.put("SLACK_DEFAULT_REPO", "octo-org/chat");
    env.put("CONTROLLER_URL", controller.url("/").toString());
    env.put("CONTROLLER_API_KEY", API_KEY);
    env.put("AGENT_MODEL", "test-model-1");
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("PORT", "0");
    env.put("DB_PATH", dataDir.resolve("nested/agents.db").toString());
    // The tests count every controller call; the task tracker's polls would add to them on a
    // machine slow enough for a test to outlast the default ten seconds.
    env.put("TASK_POLL_INTERVAL", "1h");
    orchestrator = Orchestrator.start(AppConfig.fromEnvironment(env));
    base = "http://127.0.0.1:" + orchestrator.port();
  }

  @AfterEach
  void stop() throws IOException {
    orchestrator.close();
    controller.shutdown();
  }

  @Test
  void everyGitHubFixture_getsTheAnswerItsEventDeserves() throws Exception {
    Map<String, String> agentsByFixture = new HashMap<>();
    List<String> ignored = new ArrayList<>();

    for (Path fixture : Fixtures.list(FIXTURES)) {
      String name = fixture.getFileName().toString();
      HttpResponse<String> response = postSigned(fixture, "delivery-" + name, SECRET);
      if (Fixtures.TRIGGERS.contains(name)) {
        assertThat(response.statusCode()).as(name).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"pending\"");
        agentsByFixture.put(name, Json.field(response.body(), "agent_id"));
      } else {
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        assertThat(response.body()).as(name).contains("\"status\":\"ignored\"", "\"reason\":\"");
        ignored.add(name);
      }
    }

    assertThat(agentsByFixture).hasSize(4);
    assertThat(ignored)
        .containsExactlyInAnyOrder(
            "ping.json",
            "push.json",
            "issues.closed.json",
            "issues.labeled.json",
            "issue_comment.edited.json",
            "pull_request.opened.json",
            "pull_request_review.submitted.json");
    for (String agentId : agentsByFixture.values()) {
      String agent = awaitStatus(agentId, "running");
      assertThat(Json.field(agent, "session_id")).isNotNull();
      assertThat(Json.field(agent, "task_id")).isNotNull();
      assertThat(agent).contains("\"events\":[{\"status\":\"pending\"");
    }
    assertExactlyOneSessionAndOneTaskPerAgent(agentsByFixture.size());
  }

  @Test
  void controllerCalls_carryRepoPromptModelAndCredentials() throws Exception {
    String agentId =
        Json.field(
            postSigned(FIXTURES.resolve("issues.opened.null-body.json"), "d-null", SECRET).body(),
            "agent_id");

    awaitStatus(agentId, "running");

    RecordedRequest session = controllerCalls.get(0);
    RecordedRequest task = controllerCalls.get(1);
    assertThat(session.getPath()).isEqualTo("/api/v1/sessions");
    assertThat(session.getBody().readUtf8())
        .contains("\"repo\":\"Codertocat/Hello-World\"")
        .contains("\"description\":\"Webhook agent for Codertocat/Hello-World\"");
    assertThat(session.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(session.getHeader("Idempotency-Key")).isEqualTo(agentId + ":create-session");
    assertThat(task.getPath()).isEqualTo("/api/v1/sessions/session-1/tasks");
    String taskBody = task.getBody().readUtf8();
    assertThat(taskBody).contains("\"model\":\"test-model-1\"");
    assertThat(taskBody).contains("No description provided.").doesNotContain("null\\n");
    assertThat(task.getHeader("Idempotency-Key")).isEqualTo(agentId + ":submit-task");
  }

  @Test
  void redelivery_answersDuplicateWithTheSameAgentAndCallsNothing() throws Exception {
    Path fixture = FIXTURES.resolve("issues.opened.json");
    String agentId = Json.field(postSigned(fixture, "d-again", SECRET).body(), "agent_id");
    awaitStatus(agentId, "running");
    int callsBefore = controllerCalls.size();

    HttpResponse<String> again = postSigned(fixture, "d-again", SECRET);
    Thread.sleep(700); // longer than the dispatcher's poll interval

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body())
        .isEqualTo("{\"status\":\"duplicate\",\"agent_id\":\"" + agentId + "\"}");
    assertThat(controllerCalls).hasSize(callsBefore);
    assertThat(agentCount()).isEqualTo(1);
  }

  @Test
  void wrongSignature_isRefusedAndWritesNothing() throws Exception {
    HttpResponse<String> response =
        postSigned(FIXTURES.resolve("issues.opened.json"), "d-forged", "not-the-secret");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(agentCount()).isZero();
    assertThat(controllerCalls).isEmpty();
  }

  @Test
  void failingController_endsTheAgentFailedWithTheReason() throws Exception {
    controller.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            controllerCalls.add(request);
            return new MockResponse().setResponseCode(422).setBody("{\"error\":\"no such repo\"}");
          }
        });

    String agentId =
        Json.field(
            postSigned(FIXTURES.resolve("issues.opened.json"), "d-422", SECRET).body(), "agent_id");
    String agent = awaitStatus(agentId, "failed");

    assertThat(Json.field(agent, "last_error")).contains("422").contains("no such repo");
    assertThat(controllerCalls).hasSize(1);
  }

  @Test
  void aBurstOfTwoHundredDeliveries_whileDispatchRuns_getsTwoHundredRowsAndNo5xx()
      throws Exception {
    byte[] template = Files.readAllBytes(FIXTURES.resolve("issues.opened.json"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(50);
    List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();

    for (int i = 0; i < 200; i++) {
      byte[] body =
          new String(template, StandardCharsets.UTF_8)
              .replaceFirst("\"number\": 1,", "\"number\": " + (500 + i) + ",")
              .getBytes(StandardCharsets.UTF_8);
      String delivery = "burst-" + i;
      answers.add(pool.submit(() -> postSigned(body, "issues", delivery, SECRET)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
      statuses.add(answer.get().statusCode());
    }
    pool.shutdown();

    assertThat(statuses).hasSize(200).containsOnly(202);
    assertThat(agentCount()).isEqualTo(200);
  }

  @Test
  void aSlackReplyInAThread_namingNoRepository_followsUpInTheRepositoryTheThreadStartedIn()
      throws Exception {
    String first =
        Json.field(
            postSlack(
                    "Ev-first",
                    "1700000000.000100",
                    "\"text\":\"<@U0BOT> repo:acme/widgets fix the build\"")
                .body(),
            "agent_id");
    awaitStatus(first, "running");

    HttpResponse<String> reply =
        postSlack(
            "Ev-reply",
            "1700000042.000200",
            "\"text\":\"<@U0BOT> and the docs\",\"thread_ts\":\"1700000000.000100\"");
    String followUp = awaitStatus(Json.field(reply.body(), "agent_id"), "running");

    assertThat(reply.statusCode()).isEqualTo(202);
    assertThat(Json.field(followUp, "repo")).isEqualTo("acme/widgets");
    assertThat(Json.field(followUp, "session_id")).isEqualTo("session-1");
    assertThat(controllerCalls)
        .extracting(RecordedRequest::getPath)
        .containsExactly(
            "/api/v1/sessions",
            "/api/v1/sessions/session-1/tasks",
            "/api/v1/sessions/session-1/tasks");
  }

  /** An app mention in channel C1, sent at {@code messageTs}, with {@code fields} in its event. */
  private HttpResponse<String> postSlack(String eventId, String messageTs, String fields)
      throws Exception {
    String ts = Long.toString(Instant.now().getEpochSecond());
    byte[] body =
        ("{\"type\":\"event_callback\",\"event_id\":\""
                + eventId
                + "\",\"event\":{\"type\":\"app_mention\",\"user\":\"U1\",\"channel\":\"C1\","
                + "\"ts\":\""
                + messageTs
                + "\","
                + fields
                + "}}")
            .getBytes(StandardCharsets.UTF_8);
    String signed = "v0:" + ts + ":" + new String(body, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/webhooks/slack"))
            .header("Content-Type", "application/json")
            .header("X-Slack-Request-Timestamp", ts)
            .header(
                "X-Slack-Signature",
                "v0="
                    + GitHubSignature.hmacHex(
                        SLACK_SECRET, signed.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private void assertExactlyOneSessionAndOneTaskPerAgent(int agents) {
    Map<String, Integer> keys = new HashMap<>();
    for (RecordedRequest call : controllerCalls) {
      keys.merge(call.getHeader("Idempotency-Key"), 1, Integer::sum);
    }
    assertThat(keys).hasSize(agents * 2);
    assertThat(keys.values()).containsOnly(1);
  }

  private HttpResponse<String> postSigned(Path fixture, String deliveryId, String secret)
      throws Exception {
    byte[] body = Files.readAllBytes(fixture);
    String event = fixture.getFileName().toString().split("\\.")[0];
    return postSigned(body, event, deliveryId, secret);
  }

  private HttpResponse<String> postSigned(
      byte[] body, String event, String deliveryId, String secret) throws Exception {
    HttpRequest request =
        GitHubSignature.delivery(base + "/webhooks/github", event, deliveryId, secret, body)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String awaitStatus(String agentId, String status) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    String agent = "";
    while (Instant.now().isBefore(deadline)) {
      agent = get("/agents/" + agentId).body();
      if (status.equals(Json.field(agent, "status"))) {
        return agent;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("agent " + agentId + " never reached " + status + ": " + agent);
  }

  private int agentCount() throws Exception {
    String list = get("/agents?limit=500").body();
    return list.split("\"delivery_id\"", -1).length - 1;
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A controller that hands out numbered sessions and tasks and records every call. */
  private final class CountingController extends Dispatcher {
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger tasks = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      controllerCalls.add(request);
      String path = String.valueOf(request.getPath());
      if (path.equals("/api/v1/sessions")) {
        return json("{\"id\":\"session-" + sessions.incrementAndGet() + "\"}");
      }
      if (path.matches("/api/v1/sessions/[^/]+/tasks")) {
        return json("{\"id\":\"task-" + tasks.incrementAndGet() + "\"}");
      }
      return new MockResponse().setResponseCode(404);
    }

    private MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
