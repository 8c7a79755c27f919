package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.webhookagents.ports.out.StoreException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sends every kind of request, accepted and refused, and reads back every log line: none holds a
 * secret, the API token or a signature, whether sent right or wrong.
 */
class NoSecretsInLogsTest {
  private static final String API_TOKEN = "api-token-4f1c9e";
  private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{32,}");

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<String> sentSignatures = new ArrayList<>();
  private TestServer http;

  @BeforeEach
  void captureLogs() {
    lines.start();
    root.addAppender(lines);
    http =
        TestServer.start(
            new HttpSettings(
                    "127.0.0.1",
                    0,
                    HttpSettings.DEFAULT_MAX_BODY_BYTES,
                    TestServer.SECRET,
                    API_TOKEN)
                .withLinear(TestServer.LINEAR_SECRET, TestServer.LINEAR_REPOS)
                .withSlack(TestServer.SLACK_SECRET, null));
  }

  @AfterEach
  void stop() {
    http.close();
    root.detachAppender(lines);
  }

  @Test
  void noLogLine_holdsASecretTheTokenOrASignature() {
    byte[] issue = TestServer.fixture("issues.opened.json");
    byte[] linear = TestServer.linearFixture("Issue.create.json", TestServer.NOW);
    byte[] slack = TestServer.resource("/slack/event_callback.app_mention.json");

    send(http.githubRequest("/webhook", "issues", "d-ok", issue), "X-Hub-Signature-256");
    send(
        wrong(
            http.githubRequest("/webhook", "issues", "d-bad", issue),
            "X-Hub-Signature-256",
            TestServer.sign("guess", issue)),
        "X-Hub-Signature-256");
    send(http.linearRequest("lin-ok", linear), "Linear-Signature");
    send(
        wrong(
            http.linearRequest("lin-bad", linear),
            "Linear-Signature",
            TestServer.signLinear("guess", linear)),
        "Linear-Signature");
    send(http.slackRequest("application/json", slack), "X-Slack-Signature");
    send(
        wrong(
            http.slackRequest("application/json", slack),
            "X-Slack-Signature",
            TestServer.signSlack("guess", "1", slack)),
        "X-Slack-Signature");
    http.send(http.request("/agents").header("Authorization", "Bearer " + API_TOKEN));
    http.send(http.request("/agents").header("Authorization", "Bearer " + API_TOKEN + "x"));
    http.intake.failure = new StoreException("delivery d-store", new SQLException("locked"));
    send(http.githubRequest("/webhook", "issues", "d-store", issue), "X-Hub-Signature-256");
    http.intake.failure = new IllegalStateException("bug");
    send(http.githubRequest("/webhook", "issues", "d-bug", issue), "X-Hub-Signature-256");

    List<String> logged = logged();
    assertThat(logged)
        .as("the requests were logged at all")
        .anyMatch(
            line ->
                line.contains("lin-bad") && line.contains("rejected before its payload was parsed"))
        .anyMatch(line -> line.contains("d-store"))
        .anyMatch(line -> line.contains("d-bug"));
    for (String line : logged) {
      assertThat(line)
          .doesNotContain(
              TestServer.SECRET, TestServer.LINEAR_SECRET, TestServer.SLACK_SECRET, API_TOKEN)
          .doesNotContainPattern(LONG_HEX);
      for (String signature : sentSignatures) {
        assertThat(line).doesNotContain(signature);
      }
    }
  }

  private HttpRequest.Builder wrong(HttpRequest.Builder request, String header, String value) {
    return request.setHeader(header, value);
  }

  private void send(HttpRequest.Builder request, String signatureHeader) {
    HttpRequest built = request.build();
    built.headers().firstValue(signatureHeader).ifPresent(sentSignatures::add);
    HttpResponse<String> response = http.send(request);
    assertThat(response.body()).doesNotContainPattern(LONG_HEX);
  }

  private List<String> logged() {
    List<String> logged = new ArrayList<>();
    for (ILoggingEvent event : lines.list) {
      String line = event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      logged.add(line);
    }
    return logged;
  }
}
