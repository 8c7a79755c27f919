package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rejected delivery gets a problem with the right status, never reaches the use case, and
 * leaves the server serving.
 */
class WebhookRejectionTest {
  private static final byte[] ISSUE = TestServer.fixture("issues.opened.json");

  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void wrongSignature_is401() {
    HttpResponse<String> response =
        http.send(signedIssue().setHeader("X-Hub-Signature-256", "sha256=" + "ab".repeat(32)));

    thenRejected(response, 401, "does not match the body");
  }

  @Test
  void aFloodOfWrongSignatures_isLoggedTwentyLinesASecond_thenCounted() {
    try (CapturedLogs logs = CapturedLogs.start()) {
      for (int i = 0; i < 60; i++) {
        HttpResponse<String> response =
            http.send(
                signedIssue()
                    .setHeader("X-GitHub-Delivery", "flood-" + i)
                    .setHeader("X-Hub-Signature-256", "sha256=" + "ab".repeat(32)));
        assertThat(response.statusCode()).isEqualTo(401);
      }

      logs.await(
          "more requests were rejected before their payload was read in one second, past the 20 logged");
      long oneByOne = logs.count(": rejected before its payload was parsed: ");
      // The 60 requests may straddle a second or two: 20 lines at most in each.
      assertThat(oneByOne).isBetween(20L, 59L);
    }
  }

  @Test
  void missingSignature_is401() {
    HttpResponse<String> response = http.send(unsigned(ISSUE));

    thenRejected(response, 401, "X-Hub-Signature-256 is missing");
  }

  @Test
  void sha1SignatureAlone_is401() {
    HttpResponse<String> response =
        http.send(unsigned(ISSUE).header("X-Hub-Signature", "sha1=" + "ab".repeat(20)));

    thenRejected(response, 401, "SHA-1");
  }

  @Test
  void signatureThatIsNotHex_is401() {
    HttpResponse<String> response =
        http.send(signedIssue().setHeader("X-Hub-Signature-256", "sha256=" + "zz".repeat(32)));

    thenRejected(response, 401, "64 hex digits");
  }

  @Test
  void signatureOfTheWrongLength_is401() {
    String signature = TestServer.sign(TestServer.SECRET, ISSUE);

    HttpResponse<String> response =
        http.send(signedIssue().setHeader("X-Hub-Signature-256", signature + "00"));

    thenRejected(response, 401, "64 hex digits");
  }

  @Test
  void signatureMadeWithAnotherSecret_is401() {
    HttpResponse<String> response =
        http.send(
            signedIssue().setHeader("X-Hub-Signature-256", TestServer.sign("other secret", ISSUE)));

    thenRejected(response, 401, "GITHUB_WEBHOOK_SECRET");
  }

  @Test
  void signatureOverADifferentBody_is401() {
    byte[] tampered =
        new String(ISSUE, StandardCharsets.UTF_8).replace("opened", "closed").getBytes();

    HttpResponse<String> response =
        http.send(
            unsigned(tampered)
                .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE)));

    thenRejected(response, 401, "does not match");
  }

  @Test
  void aFloodOfSignedButUnreadablePayloads_isLoggedTwentyLinesASecond_thenCounted() {
    byte[] truncated = new String(ISSUE, StandardCharsets.UTF_8).substring(0, 200).getBytes();
    try (CapturedLogs logs = CapturedLogs.start()) {
      for (int i = 0; i < 60; i++) {
        assertThat(http.deliver("issues", "broken-" + i, truncated).statusCode()).isEqualTo(400);
      }

      logs.await("more signed payloads were refused in one second, past the 20 logged");
      long oneByOne = logs.count(": signed, but refused: ");
      // The 60 requests may straddle a second or two: 20 lines at most in each.
      assertThat(oneByOne).isBetween(20L, 59L);
    }
  }

  @Test
  void truncatedJson_is400() {
    byte[] truncated = new String(ISSUE, StandardCharsets.UTF_8).substring(0, 200).getBytes();

    HttpResponse<String> response = http.deliver("issues", "d-1", truncated);

    thenRejected(response, 400, "not valid JSON");
  }

  @Test
  void topLevelArray_is400() {
    HttpResponse<String> response = http.deliver("issues", "d-1", "[{\"action\":1}]".getBytes());

    thenRejected(response, 400, "must be a JSON object");
  }

  @Test
  void tenThousandOpenBrackets_is400() {
    HttpResponse<String> response = http.deliver("issues", "d-1", "[".repeat(10_000).getBytes());

    thenRejected(response, 400, "must be a JSON object");
  }

  @Test
  void deepNestingInsideAnObject_is400_forAnyEvent() {
    byte[] deep = ("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes();

    HttpResponse<String> response = http.deliver("push", "d-1", deep);

    thenRejected(response, 400, "nested deeper than 64 levels");
  }

  @Test
  void contentAfterTheJsonObject_is400() {
    HttpResponse<String> response = http.deliver("ping", "d-1", "{}{}".getBytes());

    thenRejected(response, 400, "JSON");
  }

  @Test
  void issueWithoutTitle_is400NamingTheField() {
    byte[] payload =
        ("{\"action\":\"opened\",\"issue\":{\"number\":1,\"user\":{\"login\":\"a\"}},"
                + "\"repository\":{\"full_name\":\"o/r\"}}")
            .getBytes();

    HttpResponse<String> response = http.deliver("issues", "d-1", payload);

    thenRejected(response, 400, "issue.title is missing");
  }

  @Test
  void issueNumberOfTheWrongType_is400NamingTheField() {
    byte[] payload =
        ("{\"action\":\"opened\",\"issue\":{\"number\":\"one\",\"title\":\"t\","
                + "\"user\":{\"login\":\"a\"}},\"repository\":{\"full_name\":\"o/r\"}}")
            .getBytes();

    HttpResponse<String> response = http.deliver("issues", "d-1", payload);

    thenRejected(response, 400, "issue.number must be a whole number, was a string");
  }

  @Test
  void formBodyWithoutPayload_is400() {
    byte[] form = "other=1".getBytes();

    HttpResponse<String> response =
        http.send(
            http.githubRequest("/webhook", "ping", "d-1", form)
                .setHeader("Content-Type", "application/x-www-form-urlencoded"));

    thenRejected(response, 400, "no payload field");
  }

  @Test
  void plainText_is415() {
    HttpResponse<String> response =
        http.send(signedIssue().setHeader("Content-Type", "text/plain"));

    thenRejected(response, 415, "text/plain");
  }

  @Test
  void missingContentType_is415() {
    HttpResponse<String> response =
        http.send(
            http.request("/webhook")
                .header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", "d-1")
                .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ISSUE)));

    thenRejected(response, 415, "no Content-Type");
  }

  @Test
  void missingDeliveryHeader_is400() {
    HttpResponse<String> response =
        http.send(
            http.request("/webhook")
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "issues")
                .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ISSUE)));

    thenRejected(response, 400, "X-GitHub-Delivery is missing");
  }

  @Test
  void missingEventHeader_is400() {
    HttpResponse<String> response =
        http.send(
            http.request("/webhook")
                .header("Content-Type", "application/json")
                .header("X-GitHub-Delivery", "d-1")
                .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ISSUE)));

    thenRejected(response, 400, "X-GitHub-Event is missing");
  }

  @Test
  void get_is405WithAllowPost() {
    HttpResponse<String> response = http.get("/webhook");

    thenRejected(response, 405, "use POST");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void putOnTheNamedPath_is405WithAllowPost() {
    HttpResponse<String> response =
        http.send(http.request("/webhooks/github").PUT(HttpRequest.BodyPublishers.ofString("{}")));

    thenRejected(response, 405, "PUT");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void bodyDeclaredOverTheLimit_is413() {
    try (TestServer tight = TestServer.start(TestServer.settings(TestServer.SECRET, null, 1024))) {
      byte[] body = ("{\"zen\":\"" + "x".repeat(2048) + "\"}").getBytes();

      HttpResponse<String> response =
          tight.send(tight.githubRequest("/webhook", "ping", "d", body));

      thenRejected(tight, response, 413, "at most 1024");
    }
  }

  @Test
  void chunkedBodyGrowingPastTheLimit_is413() {
    try (TestServer tight = TestServer.start(TestServer.settings(TestServer.SECRET, null, 1024))) {
      byte[] body = ("{\"zen\":\"" + "x".repeat(4096) + "\"}").getBytes();

      HttpResponse<String> response =
          tight.send(
              tight
                  .githubRequest("/webhook", "ping", "d", body)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(body))));

      thenRejected(tight, response, 413, "grew past the limit");
    }
  }

  @Test
  void unconfiguredGitHub_is404() {
    try (TestServer off = TestServer.start(TestServer.settings(null, null, 1024))) {

      HttpResponse<String> response = off.deliver("issues", "d-1", ISSUE);

      thenRejected(off, response, 404, "");
      assertThat(TestJson.object(response.body()))
          .containsEntry("detail", "GitHub intake is not configured: set GITHUB_WEBHOOK_SECRET");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/webhooks/linear", "/webhooks/slack"})
  void otherMethodsOnAnUnconfiguredSource_are405BeforeTheSourceIs404(String path) {
    // http has GitHub configured only; the README puts the method check first.

    HttpResponse<String> get = http.get(path);
    HttpResponse<String> put =
        http.send(http.request(path).PUT(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> post = http.post(path, "{}");

    thenRejected(get, 405, "GET is not allowed here; use POST");
    thenRejected(put, 405, "PUT is not allowed here; use POST");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(put.headers().firstValue("Allow")).hasValue("POST");
    thenRejected(post, 404, "intake is not configured");
  }

  @ParameterizedTest
  @ValueSource(strings = {"d 1", "d\u00e9", "d\u0001", "d\u007f", "d\u00a0x"})
  void deliveryIdThatIsNotPrintableAscii_is400NamingTheHeader(String delivery) {
    // Java's client refuses to send such header values; the raw client writes them as bytes.

    Answer answer =
        RawHttp.post(http.server.port(), "/webhook", issueHeaders("issues", delivery), ISSUE);

    thenRejected(
        answer,
        400,
        "X-GitHub-Delivery must be printable ASCII without spaces (characters 0x21 to 0x7E)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Issues", "issues;drop", "issue-comment", "issues.opened", "\u00edsues"})
  void eventNameThatIsNotAToken_is400NamingTheHeader(String event) {

    Answer answer = RawHttp.post(http.server.port(), "/webhook", issueHeaders(event, "d-1"), ISSUE);

    thenRejected(answer, 400, "X-GitHub-Event must be an event name of lower-case letters");
  }

  @Test
  void deliveryIdOfEveryPrintableAsciiCharacter_isAccepted() {
    StringBuilder every = new StringBuilder();
    for (char c = 0x21; c <= 0x7E; c++) {
      every.append(c);
    }

    HttpResponse<String> response = http.deliver("issues", every.toString(), ISSUE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.onlyEvent().deliveryId()).isEqualTo(every.toString());
  }

  @Test
  void malformedJson_isDescribedInPlainWords_withoutTheParsersAdvice() {
    byte[] lenient = "{\"issue\": {\"title\": 'single quoted'}}".getBytes();

    HttpResponse<String> response = http.deliver("issues", "d-1", lenient);

    thenRejected(response, 400, "the body is not valid JSON near $.issue.title");
    assertThat(response.body()).doesNotContain("setLenient", "JsonReader", "Moshi");
  }

  @Test
  void problem_hasTypeTitleStatusAndDetail() {
    HttpResponse<String> response = http.send(unsigned(ISSUE));

    assertThat(TestJson.object(response.body()))
        .isEqualTo(
            Map.of(
                "type", "https://webhook-agents.dev/problems/invalid-signature",
                "title", "Invalid signature",
                "status", 401.0,
                "detail", "X-Hub-Signature-256 is missing; set a secret on the GitHub webhook"));
  }

  private static Map<String, String> issueHeaders(String event, String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", delivery);
    headers.put("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE));
    return headers;
  }

  private void thenRejected(Answer answer, int status, String detail) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    assertThat(TestJson.object(answer.body()).get("detail").toString()).startsWith(detail);
    assertThat(http.intake.received).isEmpty();
    http.assertStillServesHealth();
  }

  private HttpRequest.Builder signedIssue() {
    return http.githubRequest("/webhook", "issues", "d-1", ISSUE);
  }

  private HttpRequest.Builder unsigned(byte[] body) {
    return http.request("/webhook")
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "issues")
        .header("X-GitHub-Delivery", "d-1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private void thenRejected(HttpResponse<String> response, int status, String detail) {
    thenRejected(http, response, status, detail);
  }

  private static void thenRejected(
      TestServer server, HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    Map<String, Object> problem = TestJson.object(response.body());
    assertThat(problem).containsEntry("status", (double) status);
    assertThat((String) problem.get("detail")).contains(detail);
    assertThat(server.intake.received).isEmpty();
    server.assertStillServesHealth();
  }
}
