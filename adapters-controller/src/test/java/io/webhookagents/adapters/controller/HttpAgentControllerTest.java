package io.webhookagents.adapters.controller;

import static io.webhookagents.adapters.controller.TestController.API_KEY;
import static io.webhookagents.adapters.controller.TestController.MODEL;
import static io.webhookagents.adapters.controller.TestController.sessionRequest;
import static io.webhookagents.adapters.controller.TestController.taskRequest;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAgentControllerTest {
  private final MockWebServer server = new MockWebServer();
  private HttpAgentController controller;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    controller = TestController.against(server);
  }

  @AfterEach
  void stop() throws IOException {
    controller.close();
    server.shutdown();
  }

  @Test
  void createSession_postsDescriptionAndRepo_andReturnsTheSessionId() throws Exception {
    server.enqueue(json(201, "{\"id\": \"sess-42\", \"state\": \"new\"}"));

    String sessionId = controller.createSession(sessionRequest());

    RecordedRequest request = server.takeRequest();
    assertThat(sessionId).isEqualTo("sess-42");
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v1/sessions");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(bodyOf(request))
        .isEqualTo(Map.of("description", "Webhook agent for octo/repo", "repo", "octo/repo"));
  }

  @Test
  void createSession_sendsBearerTokenAndIdempotencyKey() throws Exception {
    server.enqueue(json(200, "{\"id\": \"sess-1\"}"));

    controller.createSession(sessionRequest());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo("agent-1:create-session");
  }

  @Test
  void submitTask_postsPromptAndModelBelowTheSession() throws Exception {
    String prompt = "Fix \"the bug\" in façade.py — see 🐛 #42\nwith a \\ backslash";
    server.enqueue(json(201, "{\"id\": \"task-7\"}"));

    String taskId = controller.submitTask(taskRequest(prompt));

    RecordedRequest request = server.takeRequest();
    assertThat(taskId).isEqualTo("task-7");
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v1/sessions/sess-1/tasks");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo("agent-1:submit-task");
    assertThat(bodyOf(request)).isEqualTo(Map.of("prompt", prompt, "model", MODEL));
  }

  @Test
  void numericId_isTakenAsText() {
    server.enqueue(json(201, "{\"id\": 42}"));

    String sessionId = controller.createSession(sessionRequest());

    assertThat(sessionId).isEqualTo("42");
  }

  @Test
  void sessionIdWithSlash_isEncodedAsOnePathSegment() throws Exception {
    server.enqueue(json(201, "{\"id\": \"task-7\"}"));

    controller.submitTask(
        new TaskRequest(
            TestController.AGENT, "octo/repo", "a/b c", "prompt", "agent-1:submit-task"));

    assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/sessions/a%2Fb%20c/tasks");
  }

  @Test
  void baseUrlWithPathPrefix_andNoTrailingSlash_callsBelowThePrefix() throws Exception {
    server.enqueue(json(200, "{\"id\": \"sess-1\"}"));
    server.enqueue(json(200, "{\"id\": \"task-1\"}"));

    try (HttpAgentController prefixed = TestController.against(server.url("/prefix").toString())) {
      prefixed.createSession(sessionRequest());
      prefixed.submitTask(taskRequest("go"));
    }

    assertThat(server.takeRequest().getPath()).isEqualTo("/prefix/api/v1/sessions");
    assertThat(server.takeRequest().getPath()).isEqualTo("/prefix/api/v1/sessions/sess-1/tasks");
  }

  @Test
  void baseUrlWithPathPrefix_andTrailingSlash_callsBelowThePrefix() throws Exception {
    server.enqueue(json(200, "{\"id\": \"sess-1\"}"));

    try (HttpAgentController prefixed =
        TestController.against(server.url("/a/prefix/").toString())) {
      prefixed.createSession(sessionRequest());
    }

    assertThat(server.takeRequest().getPath()).isEqualTo("/a/prefix/api/v1/sessions");
  }

  @Test
  void sixtyFourCallsAtOnce_runSideBySide() throws Exception {
    int calls = 64;
    for (int i = 0; i < calls; i++) {
      server.enqueue(json(200, "{\"id\": \"sess\"}").setHeadersDelay(250, MILLISECONDS));
    }
    HttpAgentController patient =
        TestController.against(server.url("/").toString(), Duration.ofSeconds(5));
    ExecutorService threads = Executors.newFixedThreadPool(calls);

    long started = System.nanoTime();
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      answers.add(threads.submit(() -> patient.createSession(sessionRequest())));
    }
    for (Future<String> answer : answers) {
      assertThat(answer.get(20, SECONDS)).isEqualTo("sess");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    threads.shutdown();
    patient.close();

    // One after another they would take 16 s. Side by side, a little over 0.25 s, or a few
    // seconds when the test server's accept backlog (50) makes some connects try again.
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static Map<String, Object> bodyOf(RecordedRequest request) throws IOException {
    Type type = Types.newParameterizedType(Map.class, String.class, Object.class);
    JsonAdapter<Map<String, Object>> adapter = new Moshi.Builder().build().adapter(type);
    return adapter.fromJson(request.getBody().readUtf8());
  }
}
