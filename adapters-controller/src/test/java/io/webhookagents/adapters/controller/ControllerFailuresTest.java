package io.webhookagents.adapters.controller;

import static io.webhookagents.adapters.controller.HttpAgentControllerTest.json;
import static io.webhookagents.adapters.controller.TestController.API_KEY;
import static io.webhookagents.adapters.controller.TestController.sessionRequest;
import static io.webhookagents.adapters.controller.TestController.taskRequest;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControllerFailuresTest {
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

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429, 408})
  void transientStatus_isRetryable(int status) {
    server.enqueue(json(status, "{\"error\": \"busy\"}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.retryAfter()).isNull();
    assertThat(failure)
        .hasMessage("controller answered " + status + " to create-session: {\"error\": \"busy\"}");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void clientError_isPermanent(int status) {
    server.enqueue(json(status, "{\"detail\": \"no such repo\"}"));

    ControllerException failure = submitTaskFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "controller answered " + status + " to submit-task: {\"detail\": \"no such repo\"}");
  }

  @Test
  void redirect_isNotFollowed_andIsPermanent() throws InterruptedException {
    server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/elsewhere"));
    server.enqueue(json(200, "{\"id\": \"sess-1\"}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessage("controller answered 307 to create-session");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tooManyRequests_withDelaySeconds_carriesRetryAfter() {
    server.enqueue(json(429, "").setHeader("Retry-After", "7"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void unavailable_withHttpDate_carriesRetryAfterFromNow() {
    // TestController.NOW is 2025-06-01T12:00:00Z, a Sunday.
    server.enqueue(json(503, "").setHeader("Retry-After", "Sun, 01 Jun 2025 12:01:30 GMT"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void errorBody_isCutShortAndFreedOfControlCharacters() {
    String body = "line one\r\nline\ttwo\u0000" + "x".repeat(500);
    server.enqueue(new MockResponse().setResponseCode(500).setBody(body));

    ControllerException failure = createSessionFailure();

    String excerpt = failure.getMessage().substring(failure.getMessage().indexOf(": ") + 2);
    assertThat(excerpt).startsWith("line one  line two x").hasSize(201).endsWith("x…");
    assertThat(excerpt).doesNotContain("\r", "\n", "\t", "\u0000");
  }

  @Test
  void errorBodyEchoingTheApiKey_hasItCutOut() {
    server.enqueue(json(401, "{\"got\": \"Authorization: Bearer " + API_KEY + "\"}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.getMessage())
        .doesNotContain(API_KEY)
        .isEqualTo(
            "controller answered 401 to create-session: "
                + "{\"got\": \"Authorization: Bearer <redacted>\"}");
  }

  @Test
  void answerSlowerThanTheReadTimeout_isRetryable() {
    server.enqueue(json(200, "{\"id\": \"sess-1\"}").setHeadersDelay(1000, MILLISECONDS));

    ControllerException failure = createSessionFailure(TestController.IMPATIENT);

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).startsWith("no answer from the controller to create-session");
  }

  @Test
  void bodyStallingPastTheReadTimeout_isRetryableNotMalformed() {
    server.enqueue(json(200, "{\"id\": \"sess-1\"}").setBodyDelay(1000, MILLISECONDS));

    ControllerException failure = createSessionFailure(TestController.IMPATIENT);

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).startsWith("no answer from the controller to create-session");
  }

  @Test
  void connectionRefused_isRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }

    ControllerException failure;
    try (HttpAgentController nowhere =
        TestController.against("http://127.0.0.1:" + closedPort + "/")) {
      failure =
          catchThrowableOfType(
              ControllerException.class, () -> nowhere.createSession(sessionRequest()));
    }

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage())
        .startsWith("no answer from the controller to create-session: ")
        .doesNotContain(API_KEY);
  }

  @Test
  void disconnectBeforeAnswering_isRetryable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void disconnectAfterTheRequest_isAFailure_notARepeatTheTimelineCannotSee() {
    // The controller may have acted on the call; a repeat is the dispatcher's to make, in the
    // agent's timeline, not the HTTP client's to make unseen.
    // OkHttp repeats a call on its own only over a connection it reused: the first call opens it.
    server.enqueue(json(200, "{\"id\": \"sess-1\"}"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"id\": \"sess-2\"}"));
    controller.createSession(sessionRequest());

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void disconnectHalfwayThroughTheBody_isRetryable() {
    server.enqueue(
        json(200, "{\"id\": \"sess-1\", \"padding\": \"" + "x".repeat(10_000) + "\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void successWithoutId_isPermanent() {
    server.enqueue(json(200, "{}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage("controller accepted create-session but its answer has no \"id\"");
  }

  @Test
  void successWithBlankId_isPermanent() {
    server.enqueue(json(201, "{\"id\": \"  \"}"));

    ControllerException failure = submitTaskFailure();

    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void successWithEmptyBody_isPermanent() {
    server.enqueue(new MockResponse().setResponseCode(200));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage("controller accepted create-session but answered with an empty body");
  }

  @Test
  void successWithNoContent_isPermanent() {
    server.enqueue(new MockResponse().setResponseCode(204));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void successWithHtml_isPermanent_andQuotesTheBody() {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("<html>Sign in</html>"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage(
            "controller accepted create-session but answered with a body that is not JSON: "
                + "<html>Sign in</html>");
  }

  @Test
  void successWithIdOfTheWrongType_isPermanent() {
    server.enqueue(json(200, "{\"id\": {\"value\": \"sess-1\"}}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .startsWith("controller accepted create-session but answered with JSON of another shape");
  }

  @Test
  void successWithAHugeBody_isPermanent() {
    server.enqueue(json(200, "{\"id\": \"" + "x".repeat(100_000) + "\"}"));

    ControllerException failure = createSessionFailure();

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage("controller accepted create-session but answered with a body over 65536 bytes");
  }

  @Test
  void sessionIdThatWouldClimbOutOfThePath_isRefusedWithoutACall() {
    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class,
            () ->
                controller.submitTask(
                    new TaskRequest(
                        TestController.AGENT, "octo/repo", "..", "p", "agent-1:submit-task")));

    assertThat(failure.retryable()).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  private ControllerException createSessionFailure() {
    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class, () -> controller.createSession(sessionRequest()));
    assertThat(failure).as("a ControllerException").isNotNull();
    assertThat(failure.getMessage()).doesNotContain(API_KEY);
    return failure;
  }

  /**
   * As {@link #createSessionFailure()}, from a controller whose reads time out after {@code
   * readTimeout}.
   */
  private ControllerException createSessionFailure(Duration readTimeout) {
    ControllerException failure;
    try (HttpAgentController impatient =
        TestController.against(server.url("/").toString(), readTimeout)) {
      failure =
          catchThrowableOfType(
              ControllerException.class, () -> impatient.createSession(sessionRequest()));
    }
    assertThat(failure).as("a ControllerException").isNotNull();
    assertThat(failure.getMessage()).doesNotContain(API_KEY);
    return failure;
  }

  private ControllerException submitTaskFailure() {
    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class, () -> controller.submitTask(taskRequest("go")));
    assertThat(failure).as("a ControllerException").isNotNull();
    assertThat(failure.getMessage()).doesNotContain(API_KEY);
    return failure;
  }
}
