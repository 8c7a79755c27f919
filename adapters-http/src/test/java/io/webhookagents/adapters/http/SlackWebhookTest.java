package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.NoDetail;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackWebhookTest {
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final TestServer http =
      TestServer.start(TestServer.allSources().withSlack(TestServer.SLACK_SECRET, "octo-org/chat"));

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void urlVerification_isAnsweredWithItsChallenge_withoutTheUseCase() {
    byte[] body = TestServer.resource("/slack/url_verification.json");

    HttpResponse<String> response = http.send(http.slackRequest(JSON, body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestJson.object(response.body()))
        .isEqualTo(Map.of("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void appMentionFixture_becomesAMessageInTheDefaultRepository() {
    byte[] body = TestServer.resource("/slack/event_callback.app_mention.json");

    HttpResponse<String> response = http.send(http.slackRequest(JSON, body));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    Actor author = new Actor("U061F7AUR", false);
    assertThat(event.source()).isEqualTo(Source.SLACK);
    assertThat(event.deliveryId()).isEqualTo("Ev0LAN670R");
    assertThat(event.kind()).isEqualTo("app_mention");
    assertThat(event.repo()).isEqualTo("octo-org/chat");
    assertThat(event.subject()).isEqualTo("slack:C0LAN2Q65/1515449522.000016");
    assertThat(event.sender()).isEqualTo(author);
    assertThat(event.detail())
        .isEqualTo(
            new MessageDetail(
                "What is the hour of the pearl, <@U0LAN0Z89>?", "#C0LAN2Q65", author));
  }

  @Test
  void mentionInAThread_dropsTheLeadingMentions_andTakesTheRepositoryItNames() {
    String body =
        mention(
            "\"text\":\"<@U0LAN0Z89> <@U999|bob> repo:octo-org/api fix the build\","
                + "\"thread_ts\":\"1515449000.000001\"");

    http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("octo-org/api");
    assertThat(event.subject()).isEqualTo("slack:C1/1515449000.000001");
    assertThat(((MessageDetail) event.detail()).text()).isEqualTo("fix the build");
    assertThat(((MessageDetail) event.detail()).inheritsRepo()).isFalse();
  }

  @Test
  void replyInAThreadNamingNoRepository_takesTheDefault_markedAsTheThreadsToReplace() {
    String body =
        mention("\"text\":\"<@U0LAN0Z89> and the docs\",\"thread_ts\":\"1515449000.000001\"");

    http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("octo-org/chat");
    assertThat(event.subject()).isEqualTo("slack:C1/1515449000.000001");
    assertThat(((MessageDetail) event.detail()).inheritsRepo()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"text\":\"<@U0LAN0Z89> repo:what fix it\",\"thread_ts\":\"1515449000.000001\"",
        "\"text\":\"<@U0LAN0Z89> fix it\",\"thread_ts\":\"1515449522.000016\"",
        "\"text\":\"<@U0LAN0Z89> fix it\""
      })
  void aRepoWord_aThreadsOwnFirstMessage_orNoThread_inheritsNothing(String fields) {
    http.send(http.slackRequest(JSON, mention(fields).getBytes(StandardCharsets.UTF_8)));

    assertThat(((MessageDetail) http.intake.onlyEvent().detail()).inheritsRepo()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"thread_ts\":\"\"",
        "\"thread_ts\":\"   \"",
        "\"thread_ts\":\"123/5.5\"",
        "\"thread_ts\":\"1515449000.000001x\"",
        "\"thread_ts\":\"11111111111111111111111111111.1\"",
        "\"thread_ts\":\"1234\""
      })
  void aThreadTsThatIsNoSlackTimestamp_isRefused400_andReachesNoIntake(String thread) {
    String body = mention("\"text\":\"<@U0LAN0Z89> fix it\"," + thread);

    HttpResponse<String> response =
        http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestJson.object(response.body()).get("detail").toString())
        .startsWith("event.thread_ts must be a Slack timestamp such as 1515449522.000016, was '");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void aMessageTsThatIsNoSlackTimestamp_isRefused400_evenInAThread() {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"garbage/..\","
            + "\"thread_ts\":\"1515449000.000001\",\"text\":\"hi\"}}";

    HttpResponse<String> response =
        http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestJson.object(response.body()).get("detail"))
        .isEqualTo(
            "event.ts must be a Slack timestamp such as 1515449522.000016, was 'garbage/..'");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void aChannelThatIsNoSlackId_isRefused400_soThatNoTwoSubjectsCanMeet() {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U1\",\"channel\":\"C1/123\",\"ts\":\"5.5\",\"text\":\"hi\"}}";

    HttpResponse<String> response =
        http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestJson.object(response.body()).get("detail"))
        .isEqualTo("event.channel must be a Slack channel id such as C0LAN2Q65, was 'C1/123'");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void mentionByABot_isByABot() {
    String body = mention("\"text\":\"<@U0LAN0Z89> hi\",\"bot_id\":\"B42\",\"subtype\":\"x\"");

    http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(((MessageDetail) http.intake.onlyEvent().detail()).author())
        .isEqualTo(new Actor("U1", true));
  }

  @Test
  void mentionNamingNoRepository_withoutADefault_saysWhatToWrite() {
    try (TestServer noDefault = TestServer.start(TestServer.allSources())) {
      byte[] body = TestServer.resource("/slack/event_callback.app_mention.json");

      HttpResponse<String> response = noDefault.send(noDefault.slackRequest(JSON, body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(noDefault.intake.onlyEvent().unroutable())
          .isEqualTo(
              "no repository: write repo:owner/name in the message or set SLACK_DEFAULT_REPO");
      assertThat(noDefault.intake.onlyEvent().repo()).isNull();
    }
  }

  @Test
  void slackRetryOfAnEventSeenBefore_isAnswered200Duplicate() {
    http.intake.receipt = new Receipt.Duplicate(new AgentId("agent-1"));
    byte[] body = TestServer.resource("/slack/event_callback.app_mention.json");

    HttpResponse<String> response =
        http.send(
            http.slackRequest(JSON, body)
                .header("X-Slack-Retry-Num", "1")
                .header("X-Slack-Retry-Reason", "http_timeout"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(response.body()))
        .isEqualTo(Map.of("status", "duplicate", "agent_id", "agent-1"));
  }

  @Test
  void createdAgent_isAnswered202() {
    http.intake.receipt = new Receipt.Created(new AgentId("agent-2"));
    byte[] body = TestServer.resource("/slack/event_callback.app_mention.json");

    HttpResponse<String> response = http.send(http.slackRequest(JSON, body));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void otherEventTypes_areEventsWithoutDetail() {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev2\","
            + "\"event\":{\"type\":\"reaction_added\",\"user\":\"U2\"}}";

    http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.kind()).isEqualTo("reaction_added");
    assertThat(event.detail()).isEqualTo(new NoDetail());
    assertThat(event.sender()).isEqualTo(new Actor("U2", false));
  }

  @Test
  void envelopeWithoutAnEvent_isAnsweredIgnored_withoutTheUseCase() {
    String body = "{\"type\":\"app_rate_limited\",\"minute_rate_limited\":1518467820}";

    HttpResponse<String> response =
        http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(response.body()))
        .containsEntry("status", "ignored")
        .containsEntry("reason", "Slack app_rate_limited requests carry no event to act on");
    assertThat(http.intake.received).isEmpty();
  }

  @Test
  void slacksDocumentedTestVector_isAcceptedThroughTheServer_asASlashCommand() {
    HttpSettings settings =
        TestServer.allSources().withSlack("8f742231b10e8888abcd99yyyzzz85a5", "octo-org/chat");
    Instant shortlyAfter = Instant.ofEpochSecond(1531420618 + 30);
    try (TestServer slack = TestServer.start(settings, shortlyAfter)) {
      byte[] body = TestServer.resource("/slack/slash_command.txt");

      HttpResponse<String> response =
          slack.send(
              slack
                  .request("/webhooks/slack")
                  .header("Content-Type", FORM)
                  .header("X-Slack-Request-Timestamp", "1531420618")
                  .header(
                      "X-Slack-Signature",
                      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

      assertThat(response.statusCode()).isEqualTo(200);
      String triggerId = "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
      WebhookEvent event = slack.intake.onlyEvent();
      Actor roadrunner = new Actor("roadrunner", false);
      assertThat(event.deliveryId()).isEqualTo(triggerId);
      assertThat(event.kind()).isEqualTo("slash_command");
      assertThat(event.repo()).isEqualTo("octo-org/chat");
      assertThat(event.subject()).isEqualTo("slack:G8PSS9T3V/" + triggerId);
      assertThat(event.detail()).isEqualTo(new MessageDetail("", "#foobar", roadrunner));
    }
  }

  @Test
  void slashCommandNamingARepository_takesIt_andLeavesTheRestAsTheRequest() {
    String form =
        "command=%2Fagent&text=please+fix+repo%3Aocto-org%2Fweb+the+login&user_id=U7"
            + "&user_name=wile&channel_id=C9&channel_name=dev&trigger_id=t-1";

    http.send(http.slackRequest(FORM, form.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("octo-org/web");
    assertThat(event.detail())
        .isEqualTo(new MessageDetail("please fix the login", "#dev", new Actor("wile", false)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme/x;rm${IFS}-rf", "../../etc/passwd", "acme/..", "acme/.", ""})
  void mentionWithARepoWordNamingNoRepository_saysWhy_notTheDefault(String value) {
    String body = mention("\"text\":\"<@U0LAN0Z89> repo:" + value + " do x\"");

    HttpResponse<String> response =
        http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isNull();
    assertThat(event.unroutable()).startsWith("repo:" + value + " is not owner/name");
  }

  @Test
  void slashCommandWithARepoWordNamingNoRepository_saysWhy() {
    String form =
        "command=%2Fagent&text=repo%3Aacme%2F..+do+x&user_id=U7"
            + "&user_name=wile&channel_id=C9&channel_name=dev&trigger_id=t-2";

    HttpResponse<String> response =
        http.send(http.slackRequest(FORM, form.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isNull();
    assertThat(event.unroutable()).startsWith("repo:acme/.. is not");
  }

  @Test
  void repoKeywordInCapitals_namesTheRepository_asWritten() {
    String body = mention("\"text\":\"<@U0LAN0Z89> REPO:Acme/Upper fix it\"");

    http.send(http.slackRequest(JSON, body.getBytes(StandardCharsets.UTF_8)));

    WebhookEvent event = http.intake.onlyEvent();
    assertThat(event.repo()).isEqualTo("Acme/Upper");
    assertThat(((MessageDetail) event.detail()).text()).isEqualTo("fix it");
  }

  @Test
  void unconfiguredSlack_is404NamingTheSetting() {
    try (TestServer off = TestServer.start()) {
      byte[] body = TestServer.resource("/slack/url_verification.json");

      HttpResponse<String> response = off.send(off.slackRequest(JSON, body));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(TestJson.object(response.body()))
          .containsEntry("detail", "Slack intake is not configured: set SLACK_SIGNING_SECRET");
    }
  }

  private static String mention(String fields) {
    return "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
        + "\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"1515449522.000016\","
        + fields
        + "}}";
  }
}
