package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A page on another site cannot change agents through a visitor's browser: writes with a body must
 * be JSON, which a browser will not send across sites unasked, and a write a browser marks with
 * another site's {@code Origin} is refused. API clients, which send no {@code Origin}, and pages
 * this service serves are unaffected.
 */
class BrowserWritesTest {
  private static final String STATUS = "{\"status\":\"completed\",\"detail\":\"done\"}";

  private final TestServer http = TestServer.start();

  @BeforeEach
  void runningAgent() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.RUNNING));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example", "http://127.0.0.1:1", "http://localhost", "null"})
  void writeFromAPageOnAnotherSite_is403Problem(String origin) {

    HttpResponse<String> cancel =
        http.send(json("/agents/a1/cancel", "{}").header("Origin", origin));
    HttpResponse<String> status =
        http.send(json("/agents/a1/status", STATUS).header("Origin", origin));

    assertRefused(cancel, 403, "may not change agents here");
    assertRefused(status, 403, "may not change agents here");
  }

  @Test
  void writeFromAPageThisServiceServed_isLetThrough() {
    String origin = "http://127.0.0.1:" + http.server.port();

    HttpResponse<String> response =
        http.send(json("/agents/a1/status", STATUS).header("Origin", origin));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.changes.calls).containsExactly("reportOutcome a1 completed done");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
  void writeWithABodyABrowserMaySendAcrossSites_is415Problem(String contentType) {

    HttpResponse<String> response =
        http.send(
            http.request("/agents/a1/status")
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(STATUS)));

    assertRefused(response, 415, "send the body as application/json");
  }

  @Test
  void writeWithABodyButNoContentType_is415Problem() {

    Answer answer =
        RawHttp.post(http.server.port(), "/agents/a1/cancel", Map.of(), "{}".getBytes());

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    assertThat(http.changes.calls).isEmpty();
  }

  @Test
  void emptyFormPost_asAnHtmlFormWouldSendIt_is415Problem() {

    HttpResponse<String> response =
        http.send(
            http.request("/agents/a1/cancel")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.noBody()));

    assertRefused(response, 415, "application/x-www-form-urlencoded was sent");
  }

  @Test
  void cancelWithoutABodyOrContentType_fromAnApiClient_isLetThrough() {

    HttpResponse<String> response =
        http.send(http.request("/agents/a1/cancel").POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.changes.calls).containsExactly("cancel a1 cancelled through the API");
  }

  private HttpRequest.Builder json(String path, String body) {
    return http.request(path)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(BodyPublishers.ofString(body));
  }

  private void assertRefused(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestJson.object(response.body()).get("detail").toString()).contains(detail);
    assertThat(http.changes.calls).isEmpty();
  }
}
