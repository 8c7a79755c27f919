package io.webhookagents.adapters.http;

import static io.webhookagents.adapters.http.Eventually.waitUntil;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.ReviewCommentDetail;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.out.StoreException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubWebhookTest {
  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "issue_comment.created.json",
        "issue_comment.edited.json",
        "issues.closed.json",
        "issues.labeled.json",
        "issues.opened.json",
        "issues.opened.null-body.json",
        "ping.json",
        "pull_request.opened.json",
        "pull_request_review.submitted.json",
        "pull_request_review_comment.created.json",
        "push.json"
      })
  void everyGitHubFixture_reachesTheUseCase(String fixture) {
    String eventName = fixture.substring(0, fixture.indexOf('.'));

    HttpResponse<String> response = http.deliver(eventName, "d-" + fixture, fixture(fixture));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.source()).isEqualTo(Source.GITHUB);
    assertThat(event.deliveryId()).isEqualTo("d-" + fixture);
    assertThat(event.name()).isEqualTo(eventName);
    assertThat(event.repo()).isNotBlank();
  }

  @Test
  void issuesOpened_becomesAnIssueWithTitleLabelsAuthorAndUrl() {
    http.deliver("issues", "d-1", fixture("issues.opened.json"));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.kind()).isEqualTo("issues.opened");
    assertThat(event.repo()).isEqualTo("Codertocat/Hello-World");
    assertThat(event.subject()).isEqualTo("Codertocat/Hello-World#1");
    assertThat(event.url()).isEqualTo("https://github.com/Codertocat/Hello-World/issues/1");
    assertThat(event.sender()).isEqualTo(new Actor("Codertocat", false));
    assertThat(event.detail())
        .isEqualTo(
            new IssueDetail(
                "#1",
                "Spelling error in the README file",
                "It looks like you accidently spelled 'commit' with two 't's.",
                List.of("bug"),
                null,
                new Actor("Codertocat", false)));
  }

  @Test
  void issueWithNullBody_keepsTheBodyNull() {
    http.deliver("issues", "d-1", fixture("issues.opened.null-body.json"));

    IssueDetail issue = (IssueDetail) http.intake.onlyEvent().detail();
    assertThat(issue.body()).isNull();
    assertThat(issue.title()).isEqualTo("Spelling error in the README file");
  }

  @Test
  void issuesLabeled_carriesTheLabelThatWasAdded() {
    http.deliver("issues", "d-1", fixture("issues.labeled.json"));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.kind()).isEqualTo("issues.labeled");
    assertThat(((IssueDetail) event.detail()).addedLabel()).isEqualTo("bug");
  }

  @Test
  void issuesClosed_fromTheOlderSchema_isStillAnIssue() {
    http.deliver("issues", "d-1", fixture("issues.closed.json"));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.subject()).isEqualTo("github-slack/public-test#1");
    assertThat(((IssueDetail) event.detail()).labels())
        .containsExactly("enhancement", "invalid", "question");
    assertThat(event.sender()).isEqualTo(new Actor("bkeepers", false));
  }

  @Test
  void issueCommentCreated_becomesACommentOnTheIssue() {
    http.deliver("issue_comment", "d-1", fixture("issue_comment.created.json"));

    WebhookEvent event = http.intake.onlyEvent();
    String commentUrl = "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400";
    assertThat(event.kind()).isEqualTo("issue_comment.created");
    assertThat(event.subject()).isEqualTo("Codertocat/Hello-World#1");
    assertThat(event.url()).isEqualTo(commentUrl);
    assertThat(event.detail())
        .isEqualTo(
            new CommentDetail(
                "#1",
                "Spelling error in the README file",
                false,
                "You are totally right! I'll get this fixed right away.",
                commentUrl,
                new Actor("Codertocat", false)));
  }

  @Test
  void commentOnAPullRequestConversation_isMarkedAsOnAPullRequest() {
    String payload =
        "{\"action\":\"created\",\"issue\":{\"number\":7,\"title\":\"Fix it\","
            + "\"pull_request\":{\"url\":\"https://api.github.com/repos/o/r/pulls/7\"}},"
            + "\"comment\":{\"body\":\"@agent please\",\"user\":{\"login\":\"octocat\","
            + "\"type\":\"User\"}},\"repository\":{\"full_name\":\"o/r\"}}";

    http.deliver("issue_comment", "d-1", payload.getBytes(StandardCharsets.UTF_8));

    CommentDetail comment = (CommentDetail) http.intake.onlyEvent().detail();
    assertThat(comment.onPullRequest()).isTrue();
    assertThat(comment.url()).isNull();
    assertThat(http.intake.onlyEvent().sender()).isNull();
  }

  @Test
  void reviewCommentCreated_carriesPathLineBranchAndDiffHunk() {
    http.deliver(
        "pull_request_review_comment", "d-1", fixture("pull_request_review_comment.created.json"));

    WebhookEvent event = http.intake.onlyEvent();
    String commentUrl = "https://github.com/Codertocat/Hello-World/pull/2#discussion_r284312630";
    assertThat(event.subject()).isEqualTo("Codertocat/Hello-World#2");
    assertThat(event.url()).isEqualTo(commentUrl);
    assertThat(event.detail())
        .isEqualTo(
            new ReviewCommentDetail(
                "#2",
                "Update the README with new information.",
                "changes",
                "README.md",
                265,
                "@@ -1 +1 @@\n-# Hello-World",
                "Maybe you should use more emoji on this line.",
                commentUrl,
                new Actor("Codertocat", false)));
  }

  @Test
  void reviewCommentOnAnOutdatedLine_fallsBackToTheOriginalLine() {
    String payload =
        "{\"action\":\"created\",\"pull_request\":{\"number\":3,\"title\":\"T\"},"
            + "\"comment\":{\"path\":\"a.txt\",\"line\":null,\"original_line\":12,"
            + "\"user\":{\"login\":\"dependabot[bot]\",\"type\":\"Bot\"}},"
            + "\"repository\":{\"full_name\":\"o/r\"}}";

    http.deliver("pull_request_review_comment", "d-1", payload.getBytes(StandardCharsets.UTF_8));

    ReviewCommentDetail review = (ReviewCommentDetail) http.intake.onlyEvent().detail();
    assertThat(review.line()).isEqualTo(12);
    assertThat(review.branch()).isNull();
    assertThat(review.author()).isEqualTo(new Actor("dependabot[bot]", true));
  }

  @Test
  void pingAndPush_carryNoDetailButTheirRepository() {
    http.deliver("ping", "d-ping", fixture("ping.json"));
    http.deliver("push", "d-push", fixture("push.json"));

    assertThat(http.intake.received)
        .extracting(WebhookEvent::repo, WebhookEvent::subject, WebhookEvent::detail)
        .containsExactly(
            tuple("Octocoders/Hello-World", null, new NoDetail()),
            tuple("Codertocat/Hello-World", null, new NoDetail()));
  }

  @Test
  void eventWithoutDetail_requiresNoFieldsAtAll() {
    byte[] payload = "{\"zen\":\"Keep it logically awesome.\",\"repository\":7}".getBytes();

    HttpResponse<String> response = http.deliver("ping", "d-1", payload);

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.action()).isNull();
    assertThat(event.repo()).isNull();
    assertThat(event.sender()).isNull();
  }

  @Test
  void pingWithAnAction_carriesNoAction_sinceAPingsActionMeansNothing() {
    byte[] payload = "{\"action\":\"opened\",\"zen\":\"Design for failure.\"}".getBytes(UTF_8);

    HttpResponse<String> response = http.deliver("ping", "d-1", payload);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.onlyEvent().action()).isNull();
  }

  @Test
  void issueWhoseRepositoryIsNotOwnerName_isRefused400_beforeTheUseCase() {
    String json = new String(fixture("issues.opened.json"), UTF_8);
    byte[] payload =
        json.replace("\"Codertocat/Hello-World\"", "\"Codertocat/..\"").getBytes(UTF_8);

    HttpResponse<String> response = http.deliver("issues", "d-1", payload);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestJson.object(response.body()).get("detail"))
        .asString()
        .startsWith("repository.full_name Codertocat/.. is not owner/name");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void createdAgent_isAnswered202WithItsId() {
    http.intake.receipt = new Receipt.Created(new AgentId("agent-1"));

    HttpResponse<String> response = http.deliver("issues", "d-1", fixture("issues.opened.json"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestJson.object(response.body()))
        .isEqualTo(Map.of("agent_id", "agent-1", "status", "pending"));
  }

  @Test
  void aFloodOfRedeliveries_isLoggedTwentyLinesASecond_thenCounted() {
    http.intake.receipt = new Receipt.Duplicate(new AgentId("agent-1"));
    byte[] issue = fixture("issues.opened.json");
    try (CapturedLogs logs = CapturedLogs.start()) {
      for (int i = 0; i < 60; i++) {
        assertThat(http.deliver("issues", "again-" + i, issue).statusCode()).isEqualTo(200);
      }

      logs.await(
          "more deliveries were redeliveries in one second, past the 20 logged one by one;"
              + " GET /deliveries?decision=duplicate lists the latest with the agent they name");
      long oneByOne = logs.count(": duplicate of agent agent-1");
      // The 60 requests may straddle a second or two: 20 lines at most in each.
      assertThat(oneByOne).isBetween(20L, 59L);
    }
  }

  @Test
  void redelivery_isAnswered200Duplicate_withTheAgentOrNull() {
    http.intake.receipt = new Receipt.Duplicate(new AgentId("agent-1"));
    HttpResponse<String> withAgent = http.deliver("issues", "d-1", fixture("issues.opened.json"));
    http.intake.receipt = new Receipt.Duplicate(null);
    HttpResponse<String> withoutAgent = http.deliver("ping", "d-2", fixture("ping.json"));

    assertThat(withAgent.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(withAgent.body()))
        .isEqualTo(Map.of("status", "duplicate", "agent_id", "agent-1"));
    assertThat(withoutAgent.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(withoutAgent.body()))
        .containsEntry("status", "duplicate")
        .containsEntry("agent_id", null);
  }

  @Test
  void ignoredDelivery_isAnswered200WithTheReason() {
    http.intake.receipt = new Receipt.Ignored("ping: the sender is checking the webhook");

    HttpResponse<String> response = http.deliver("ping", "d-1", fixture("ping.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestJson.object(response.body()))
        .isEqualTo(
            Map.of("status", "ignored", "reason", "ping: the sender is checking the webhook"));
  }

  @Test
  void storeFailure_isAnswered503WithRetryAfter_neverAccepted() {
    http.intake.failure = new StoreException("delivery d-1", new SQLException("database locked"));

    HttpResponse<String> response = http.deliver("issues", "d-1", fixture("issues.opened.json"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).doesNotContain("database locked");
  }

  @Test
  void useCase_isAskedOnTheIoThread_andTheAnswerWaitsForItsRecord() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    http.intake.hold = release;
    http.intake.receipt = new Receipt.Created(new AgentId("ag_held"));

    CompletableFuture<HttpResponse<String>> answer =
        CompletableFuture.supplyAsync(
            () -> http.deliver("issues", "d-1", fixture("issues.opened.json")));
    waitUntil(() -> !http.intake.received.isEmpty());
    HttpResponse<String> health = http.get("/health");
    boolean answeredBeforeRecorded = answer.isDone();
    release.countDown();

    assertThat(http.intake.callers).singleElement().asString().contains("I/O");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(answeredBeforeRecorded).isFalse();
    assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    assertThat(answer.get().body()).contains("ag_held");
  }

  @Test
  void unexpectedFailure_isAnswered500_withoutItsMessage() {
    http.intake.failure = new IllegalStateException("bug in the use case");

    HttpResponse<String> response = http.deliver("issues", "d-1", fixture("issues.opened.json"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(TestJson.object(response.body()))
        .containsEntry("type", "https://webhook-agents.dev/problems/internal-error");
    assertThat(response.body()).doesNotContain("bug in the use case");
    http.assertStillServesHealth();
  }

  @Test
  void formEncodedDelivery_isDecodedFromItsPayloadField() {
    String json = new String(fixture("issues.opened.json"), StandardCharsets.UTF_8);
    byte[] form = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes();

    HttpResponse<String> response =
        http.send(
            http.githubRequest("/webhook", "issues", "d-1", form)
                .setHeader("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.onlyEvent().subject()).isEqualTo("Codertocat/Hello-World#1");
  }

  @Test
  void contentTypeWithCharset_inAnyCase_isAccepted() {
    byte[] body = fixture("ping.json");

    HttpResponse<String> lower =
        http.send(
            http.githubRequest("/webhook", "ping", "d-1", body)
                .setHeader("Content-Type", "application/json; charset=utf-8"));
    HttpResponse<String> upper =
        http.send(
            http.githubRequest("/webhook", "ping", "d-2", body)
                .setHeader("Content-Type", "Application/JSON;Charset=UTF-8"));

    assertThat(lower.statusCode()).isEqualTo(200);
    assertThat(upper.statusCode()).isEqualTo(200);
    assertThat(http.intake.received).hasSize(2);
  }

  @Test
  void headerNames_inAnyCase_areRead() {
    byte[] body = fixture("issues.opened.json");

    HttpResponse<String> response =
        http.send(
            http.request("/webhooks/github")
                .header("content-type", "application/json")
                .header("X-GITHUB-EVENT", "issues")
                .header("x-github-delivery", "d-case")
                .header("x-hub-signature-256", TestServer.sign(TestServer.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.onlyEvent().deliveryId()).isEqualTo("d-case");
  }

  @Test
  void bothGitHubPaths_takeDeliveries() {
    byte[] body = fixture("ping.json");

    HttpResponse<String> legacy = http.send(http.githubRequest("/webhook", "ping", "d-1", body));
    HttpResponse<String> named =
        http.send(http.githubRequest("/webhooks/github", "ping", "d-2", body));

    assertThat(legacy.statusCode()).isEqualTo(200);
    assertThat(named.statusCode()).isEqualTo(200);
  }

  @Test
  void clientThatExpectsContinue_isServed() {
    byte[] body = fixture("issues.opened.json");

    HttpResponse<String> response =
        http.send(http.githubRequest("/webhook", "issues", "d-1", body).expectContinue(true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.intake.received).hasSize(1);
  }

  @Test
  void bodyExactlyAtTheLimit_isAccepted() {
    byte[] body = fixture("ping.json");
    HttpSettings settings = TestServer.settings(TestServer.SECRET, null, body.length);
    try (TestServer tight = TestServer.start(settings)) {

      HttpResponse<String> response = tight.deliver("ping", "d-1", body);

      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  private static byte[] fixture(String name) {
    return TestServer.fixture(name);
  }
}
