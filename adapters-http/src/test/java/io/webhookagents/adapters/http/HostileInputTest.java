package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.adapters.http.HostileRequests.Acceptance;
import io.webhookagents.adapters.http.HostileRequests.Refusal;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile, malformed and misdirected requests against every webhook path of the real server. Each
 * refused one gets a problem with the right status, reaches no use case (so writes no agent and
 * calls no controller), echoes no secret or signature, and leaves the server serving. Requests that
 * only look unusual, such as header names in another case, are accepted. The cases are listed in
 * {@link HostileRequests}.
 */
class HostileInputTest {
  // A digest or a secret-sized hex run in an answer would mean something was echoed.
  private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{32,}");

  private final TestServer http = TestServer.start(HostileRequests.settings());

  @AfterEach
  void stop() {
    http.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.webhookagents.adapters.http.HostileRequests#refusals")
  void hostileRequest_isRefused_reachesNoUseCase_andLeavesTheServerServing(Refusal refusal) {
    Answer response = refusal.send().apply(http);

    assertThat(response.status()).isEqualTo(refusal.status());
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    if (!response.method().equals("HEAD")) {
      Map<String, Object> problem = TestJson.object(response.body());
      assertThat(problem).containsOnlyKeys("type", "title", "status", "detail");
      assertThat(problem).containsEntry("status", (double) refusal.status());
      assertThat((String) problem.get("detail")).contains(refusal.detail());
    }
    if (refusal.allow() != null) {
      assertThat(response.header("Allow")).hasValue(refusal.allow());
    }
    assertThat(response.body())
        .doesNotContain(TestServer.SECRET, TestServer.LINEAR_SECRET, TestServer.SLACK_SECRET)
        .doesNotContainPattern(LONG_HEX);
    assertThat(http.intake.received).isEmpty();
    http.assertStillServesHealth();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.webhookagents.adapters.http.HostileRequests#acceptances")
  void requestThatOnlyLooksUnusual_isAccepted_andReachesTheUseCaseOnce(Acceptance acceptance) {
    Answer response = acceptance.send().apply(http);

    assertThat(response.status()).isEqualTo(200);
    assertThat(http.intake.received).hasSize(1);
    http.assertStillServesHealth();
  }
}
