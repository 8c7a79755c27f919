package io.webhookagents.adapters.controller;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.MockWebServer;

/** What the controller tests share: a key to look for, a fixed clock, the timeouts. */
final class TestController {
  static final String API_KEY = "sk-test-0123456789abcdef";
  static final String MODEL = "claude-test-model";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Clock CLOCK = () -> NOW;
  static final AgentId AGENT = new AgentId("agent-1");

  private TestController() {}

  static HttpAgentController against(MockWebServer server) {
    return against(server.url("/").toString());
  }

  /** Long enough for any answer the test server gives without a delay, on a busy machine too. */
  static final Duration PATIENT = Duration.ofSeconds(10);

  /** Short, for the tests of answers that come after it; the test server delays them 1 s. */
  static final Duration IMPATIENT = Duration.ofMillis(200);

  /** A controller whose reads time out after {@link #PATIENT}. */
  static HttpAgentController against(String baseUrl) {
    return against(baseUrl, PATIENT);
  }

  static HttpAgentController against(String baseUrl, Duration readTimeout) {
    ControllerSettings settings =
        new ControllerSettings(
            baseUrl, API_KEY, MODEL, Duration.ofSeconds(5), readTimeout, Duration.ofSeconds(20));
    return HttpAgentController.create(settings, CLOCK);
  }

  static SessionRequest sessionRequest() {
    return new SessionRequest(
        AGENT, "octo/repo", "Webhook agent for octo/repo", "agent-1:create-session");
  }

  static TaskRequest taskRequest(String prompt) {
    return new TaskRequest(AGENT, "octo/repo", "sess-1", prompt, "agent-1:submit-task");
  }
}
