package io.webhookagents.adapters.controller;

import static io.webhookagents.adapters.controller.HttpAgentControllerTest.json;
import static io.webhookagents.adapters.controller.TestController.AGENT;
import static io.webhookagents.adapters.controller.TestController.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.webhookagents.ports.out.ControllerException;
import java.io.IOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskPollingTest {
  private final MockWebServer server = new MockWebServer();
  private HttpAgentController controller;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    controller = TestController.against(server.url("/prefix").toString());
  }

  @AfterEach
  void stop() throws IOException {
    controller.close();
    server.shutdown();
  }

  @Test
  void taskStatus_getsTheTask_andReturnsTheControllerWord() throws Exception {
    server.enqueue(json(200, "{\"id\": \"task-7\", \"status\": \"completed\"}"));

    TaskStatus status = controller.taskStatus(AGENT, "sess-1", "task-7");

    RecordedRequest request = server.takeRequest();
    assertThat(status).isEqualTo(new TaskStatus.Reported("completed"));
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/prefix/api/v1/sessions/sess-1/tasks/task-7");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.getHeader("Idempotency-Key")).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 405})
  void notFoundOrMethodNotAllowed_meansPollingIsUnsupported(int code) {
    server.enqueue(json(code, "{\"detail\": \"no such route\"}"));

    TaskStatus status = controller.taskStatus(AGENT, "sess-1", "task-7");

    assertThat(status).isEqualTo(new TaskStatus.PollingUnsupported(code));
  }

  @Test
  void serverError_isARetryableFailure_notUnsupported() {
    server.enqueue(json(503, "down"));

    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class, () -> controller.taskStatus(AGENT, "sess-1", "task-7"));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessage("controller answered 503 to task-status: down");
  }

  @Test
  void forbidden_isAPermanentFailure() {
    server.enqueue(json(403, ""));

    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class, () -> controller.taskStatus(AGENT, "sess-1", "task-7"));

    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void answerWithoutStatus_isAPermanentFailure() {
    server.enqueue(json(200, "{\"id\": \"task-7\"}"));

    ControllerException failure =
        catchThrowableOfType(
            ControllerException.class, () -> controller.taskStatus(AGENT, "sess-1", "task-7"));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessage("controller accepted task-status but its answer has no \"status\"");
  }
}
