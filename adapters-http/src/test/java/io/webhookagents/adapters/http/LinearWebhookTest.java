package io.webhookagents.adapters.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.CommentDetail;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinearWebhookTest {
  private static final String RULES_REASON = "Issue.create names no issue or pull request";

  private final TestServer http = TestServer.start(TestServer.allSources());

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void issueCreateFixture_becomesAnIssueInTheTeamsRepository() {
    byte[] body = TestServer.linearFixture("Issue.create.json", TestServer.NOW);

    HttpResponse<String> response = http.send(http.linearRequest("lin-1", body));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    Actor alex = new Actor("Alex Example", false);
    assertThat(event.source()).isEqualTo(Source.LINEAR);
    assertThat(event.deliveryId()).isEqualTo("lin-1");
    assertThat(event.kind()).isEqualTo("Issue.create");
    assertThat(event.repo()).isEqualTo("octo-org/port");
    assertThat(event.subject()).isEqualTo("POR-5");
    assertThat(event.url()).isEqualTo("https://linear.app/getport/issue/POR-5/new-issue-again");
    assertThat(event.sender()).isEqualTo(alex);
    assertThat(event.detail())
        .isEqualTo(new IssueDetail("POR-5", "New issue again", null, List.of(), null, alex));
  }

  @Test
  void commentCreateFixture_withoutActorOrIssue_namesTheIssueItsUrlLinksTo() {
    byte[] body = TestServer.linearFixture("Comment.create.json", TestServer.NOW);

    http.send(http.linearRequest("lin-2", body));

    WebhookEvent event = http.intake.onlyEvent();
    String url =
        "https://linear.app/issue/LIN-1778/foo-bar#comment-77217de3-fb52-4dad-bb9a-b356beb93de8";
    assertThat(event.kind()).isEqualTo("Comment.create");
    assertThat(event.repo()).isEqualTo("octo-org/linear");
    assertThat(event.subject()).isEqualTo("LIN-1778");
    assertThat(event.sender()).isNull();
    assertThat(event.detail())
        .isEqualTo(
            new CommentDetail(
                "LIN-1778",
                "",
                false,
                "Indeed, I think this is definitely an improvement over the previous version.",
                url,
                new Actor("unknown", false)));
  }

  @Test
  void commentWithItsIssue_takesIdentifierTitleTeamAndUserFromIt() {
    String payload =
        "{\"action\":\"create\",\"type\":\"Comment\",\"webhookTimestamp\":"
            + now()
            + ",\"data\":{\"body\":\"please fix\",\"issueId\":\"uuid-1\","
            + "\"user\":{\"name\":\"Dana\"},\"issue\":{\"identifier\":\"WEB-3\","
            + "\"title\":\"Broken\",\"team\":{\"key\":\"ENG\"}}}}";

    http.send(http.linearRequest("lin-3", payload.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("octo-org/api");
    assertThat(event.subject()).isEqualTo("WEB-3");
    assertThat(event.detail())
        .isEqualTo(
            new CommentDetail(
                "WEB-3", "Broken", false, "please fix", null, new Actor("Dana", false)));
  }

  @Test
  void issueWithoutTeam_isMappedByItsIdentifiersPrefix_andKeepsItsLabels() {
    String payload =
        issue("\"identifier\":\"eng-12\",\"title\":\"T\",\"labels\":[{\"name\":\"bug\"}]", "user");

    http.send(http.linearRequest("lin-4", payload.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("octo-org/api");
    assertThat(((IssueDetail) event.detail()).labels()).containsExactly("bug");
  }

  @Test
  void actorThatIsNoUser_isABot() {
    String payload = issue("\"identifier\":\"ENG-1\",\"title\":\"T\"", "integration");

    http.send(http.linearRequest("lin-5", payload.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(((IssueDetail) event.detail()).author()).isEqualTo(new Actor("Zapier", true));
    assertThat(event.sender()).isEqualTo(new Actor("Zapier", true));
  }

  @Test
  void issueWithABotActor_isByABot_evenWhenTheActorIsAUser() {
    String payload =
        issue(
            "\"identifier\":\"ENG-1\",\"title\":\"T\",\"botActor\":{\"name\":\"GitHub\"}", "user");

    http.send(http.linearRequest("lin-6", payload.getBytes(StandardCharsets.UTF_8)));

    assertThat(((IssueDetail) http.intake.onlyEvent().detail()).author().bot()).isTrue();
  }

  @Test
  void issueOfAnUnmappedTeam_reachesTheRulesNamingTheTeam() {
    String payload =
        issue("\"identifier\":\"OPS-1\",\"title\":\"T\",\"team\":{\"key\":\"OPS\"}", "user");

    HttpResponse<String> response =
        http.send(http.linearRequest("lin-7", payload.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent recorded = http.intake.onlyEvent();
    assertThat(recorded.repo()).isNull();
    assertThat(recorded.unroutable())
        .isEqualTo("Linear team OPS is not mapped to a repository (LINEAR_REPOS)");
    assertThat(recorded.subject()).isEqualTo("OPS-1");
  }

  @Test
  void redeliveryOfAnUnmappedIssue_isStillADuplicate() {
    http.intake.receipt = new Receipt.Duplicate(null);
    String payload = issue("\"identifier\":\"OPS-1\",\"title\":\"T\"", "user");

    HttpResponse<String> response =
        http.send(http.linearRequest("lin-8", payload.getBytes(StandardCharsets.UTF_8)));

    assertThat(TestJson.object(response.body())).containsEntry("status", "duplicate");
  }

  @Test
  void createdAgent_isAnswered202() {
    http.intake.receipt = new Receipt.Created(new AgentId("agent-7"));
    byte[] body = TestServer.linearFixture("Issue.create.json", TestServer.NOW);

    HttpResponse<String> response = http.send(http.linearRequest("lin-9", body));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(TestJson.object(response.body()))
        .isEqualTo(Map.of("agent_id", "agent-7", "status", "pending"));
  }

  @Test
  void issueUpdate_isAnEventWithoutDetail_thatRequiresNothingMore() {
    String payload =
        "{\"action\":\"update\",\"type\":\"Issue\",\"webhookTimestamp\":" + now() + ",\"data\":7}";

    HttpResponse<String> response =
        http.send(http.linearRequest("lin-10", payload.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.kind()).isEqualTo("Issue.update");
    assertThat(event.detail()).isEqualTo(new NoDetail());
  }

  @Test
  void deliveryDatedExactlyAMinuteAgo_orAhead_isAccepted() {
    byte[] old =
        TestServer.linearFixture("Issue.create.json", TestServer.NOW.minus(Duration.ofSeconds(60)));
    byte[] ahead =
        TestServer.linearFixture("Issue.create.json", TestServer.NOW.plus(Duration.ofSeconds(60)));

    HttpResponse<String> first = http.send(http.linearRequest("lin-11", old));
    HttpResponse<String> second = http.send(http.linearRequest("lin-12", ahead));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
  }

  @Test
  void deliveryDatedSixtyOneSecondsAgo_is401SayingHowOld() {
    byte[] stale =
        TestServer.linearFixture("Issue.create.json", TestServer.NOW.minus(Duration.ofSeconds(61)));

    HttpResponse<String> response = http.send(http.linearRequest("lin-13", stale));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestJson.object(response.body()).get("detail").toString())
        .startsWith("webhookTimestamp is 61 s in the past");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void aTimestampInSeconds_isRefusedSayingItIsInMilliseconds() {
    String json = new String(TestServer.resource("/linear/Issue.create.json"), UTF_8);
    byte[] inSeconds =
        json.replaceFirst(
                "\"webhookTimestamp\": [0-9]+",
                "\"webhookTimestamp\": " + TestServer.NOW.getEpochSecond())
            .getBytes(UTF_8);

    HttpResponse<String> response = http.send(http.linearRequest("lin-14", inSeconds));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(TestJson.object(response.body()).get("detail").toString())
        .startsWith("webhookTimestamp (milliseconds since the epoch) is ")
        .contains(" s in the past");
  }

  @Test
  void unconfiguredLinear_is404NamingTheSetting() {
    try (TestServer off = TestServer.start()) {
      byte[] body = TestServer.linearFixture("Issue.create.json", TestServer.NOW);

      HttpResponse<String> response = off.send(off.linearRequest("lin-14", body));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(TestJson.object(response.body()))
          .containsEntry("detail", "Linear intake is not configured: set LINEAR_WEBHOOK_SECRET");
    }
  }

  private static long now() {
    return TestServer.NOW.toEpochMilli();
  }

  private static String issue(String data, String actorType) {
    return "{\"action\":\"create\",\"type\":\"Issue\",\"webhookTimestamp\":"
        + now()
        + ",\"actor\":{\"id\":\"a1\",\"name\":\""
        + ("user".equals(actorType) ? "Alex" : "Zapier")
        + "\",\"type\":\""
        + actorType
        + "\"},\"data\":{"
        + data
        + "}}";
  }
}
