package io.webhookagents.adapters.controller;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.MockWebServer;

/** What the controller tests share: a key to look for, a fixed clock, short timeouts. */
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

  /** A controller whose reads time out after 200 ms. */
  static HttpAgentController against(String baseUrl) {
    return against(baseUrl, Duration.ofMillis(200));
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
