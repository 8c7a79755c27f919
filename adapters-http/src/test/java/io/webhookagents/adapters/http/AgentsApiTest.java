package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.in.AgentDetails;
import io.webhookagents.ports.in.AgentPage;
import io.webhookagents.ports.in.AgentQuery;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agents API through the real server, from a loopback client with no token configured. */
class AgentsApiTest {
  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void list_showsEveryKeyOfEachAgent_withNullsForAbsentValues() {
    http.queries.page = new AgentPage(List.of(TestAgents.agent("a1", AgentStatus.PENDING)), null);

    HttpResponse<String> response = http.get("/agents");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Link")).isEmpty();
    List<Map<String, Object>> agents = TestJson.array(response.body());
    assertThat(agents).hasSize(1);
    assertThat(agents.get(0))
        .containsExactly(
            Map.entry("id", "a1"),
            Map.entry("source", "github"),
            Map.entry("webhook_event", "issues"),
            Map.entry("action", "opened"),
            Map.entry("delivery_id", "delivery-a1"),
            Map.entry("repo", "octo-org/demo"),
            Map.entry("subject", "octo-org/demo#42"),
            entryOfNull("url"),
            Map.entry("prompt", "Investigate issue #42"),
            Map.entry("status", "pending"),
            entryOfNull("session_id"),
            entryOfNull("task_id"),
            Map.entry("attempts", 0.0),
            entryOfNull("last_error"),
            Map.entry("created_at", "2026-12-04T15:40:00.123Z"),
            Map.entry("updated_at", "2026-12-04T15:40:00.123Z"));
  }

  @Test
  void list_writesTimesWithMillisecondsEvenWhenThereAreNone() {
    Agent agent = TestAgents.agent("a1", AgentStatus.RUNNING);
    Instant whole = Instant.parse("2026-12-04T15:40:00Z");
    Agent atWholeSecond =
        new Agent(
            agent.id(),
            Source.LINEAR,
            "Issue",
            null,
            "d",
            "o/r",
            "s",
            "https://linear.app/x",
            "p",
            AgentStatus.RUNNING,
            "s-1",
            "t-1",
            2,
            "boom",
            whole,
            whole);
    http.queries.page = new AgentPage(List.of(atWholeSecond), null);

    Map<String, Object> shown = TestJson.array(http.get("/agents").body()).get(0);

    assertThat(shown)
        .containsEntry("created_at", "2026-12-04T15:40:00.000Z")
        .containsEntry("source", "linear")
        .containsEntry("action", null)
        .containsEntry("session_id", "s-1")
        .containsEntry("task_id", "t-1")
        .containsEntry("attempts", 2.0)
        .containsEntry("last_error", "boom");
  }

  @Test
  void list_passesEveryFilterToTheQuery() {
    stored("a9");

    HttpResponse<String> response =
        http.get("/agents?status=running&source=github&repo=octo-org%2Fdemo&limit=2&before=a9");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.queries.queries)
        .containsExactly(
            new AgentQuery(
                AgentStatus.RUNNING, Source.GITHUB, "octo-org/demo", 2, new AgentId("a9")));
  }

  @Test
  void list_beforeAStoredAgent_whateverItsIdLooksLike_isAccepted() {
    stored("01JEQ4N2Z8X7V6T5S4R3Q2P1NM");
    stored("legacy_id-7");

    HttpResponse<String> ulid = http.get("/agents?before=01JEQ4N2Z8X7V6T5S4R3Q2P1NM");
    HttpResponse<String> legacy = http.get("/agents?before=legacy_id-7");

    assertThat(ulid.statusCode()).isEqualTo(200);
    assertThat(legacy.statusCode()).isEqualTo(200);
    assertThat(http.queries.queries)
        .extracting(AgentQuery::before)
        .containsExactly(new AgentId("01JEQ4N2Z8X7V6T5S4R3Q2P1NM"), new AgentId("legacy_id-7"));
  }

  @Test
  void list_withoutParameters_asksForTheDefaultPage() {
    http.get("/agents?status=&repo=");

    assertThat(http.queries.queries)
        .containsExactly(new AgentQuery(null, null, null, AgentQuery.DEFAULT_LIMIT, null));
  }

  @Test
  void list_withAnotherPage_linksToIt_keepingTheOtherParameters() {
    stored("a2");
    http.queries.page =
        new AgentPage(List.of(TestAgents.agent("a2", AgentStatus.RUNNING)), new AgentId("a2"));

    HttpResponse<String> first = http.get("/agents?repo=octo-org%2Fdemo&status=running&limit=1");
    String link = first.headers().firstValue("Link").orElseThrow();
    String next = link.substring(1, link.indexOf('>'));
    http.get(next);

    assertThat(link)
        .isEqualTo("</agents?status=running&repo=octo-org%2Fdemo&limit=1&before=a2>; rel=\"next\"");
    assertThat(http.queries.queries.get(1))
        .isEqualTo(
            new AgentQuery(AgentStatus.RUNNING, null, "octo-org/demo", 1, new AgentId("a2")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "status=bogus | status must be one of pending, session_created, running, completed",
        "source=gitlab | source must be one of github, linear, slack, was 'gitlab'",
        "limit=0 | limit must be a whole number from 1 to 500, was '0'",
        "limit=501 | limit must be a whole number from 1 to 500",
        "limit=ten | limit must be a whole number from 1 to 500",
        "before=not%20an%20id | before must be the id of an agent from the previous page",
        "before=garbage | before must be the id of an agent from the previous page, was 'garbage'",
        "before=xyz | before must be the id of an agent from the previous page, was 'xyz'",
        "before=1 | before must be the id of an agent from the previous page, was '1'",
      })
  void list_withAParameterThatCannotBeMeant_is400(String query, String detail) {
    HttpResponse<String> response = http.get("/agents?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat((String) TestJson.object(response.body()).get("detail")).startsWith(detail);
    assertThat(http.queries.queries).isEmpty();
  }

  @Test
  void list_answersHeadWithoutABody() {
    HttpResponse<String> response =
        http.send(http.request("/agents").method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void show_includesTheTimelineOldestFirst() {
    Agent agent = TestAgents.agent("a1", AgentStatus.RUNNING);
    List<StatusEvent> events =
        List.of(
            new StatusEvent(AgentStatus.PENDING, TestAgents.CREATED, "created"),
            new StatusEvent(AgentStatus.RUNNING, TestAgents.CREATED.plusMillis(5), null));
    http.queries.details.put(agent.id(), new AgentDetails(agent, events));

    HttpResponse<String> response = http.get("/agents/a1");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> shown = TestJson.object(response.body());
    assertThat(shown).containsEntry("id", "a1").containsEntry("status", "running");
    assertThat(shown.get("events"))
        .isEqualTo(
            List.of(
                Map.of("status", "pending", "at", "2026-12-04T15:40:00.123Z", "detail", "created"),
                mapWithNullDetail("running", "2026-12-04T15:40:00.128Z")));
  }

  @Test
  void show_unknownAgent_is404() {
    HttpResponse<String> response = http.get("/agents/nobody");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(TestJson.object(response.body())).containsEntry("detail", "no agent nobody");
  }

  @Test
  void show_idThatCannotBeAnAgent_is404() {
    HttpResponse<String> response = http.get("/agents/" + "x".repeat(65));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void reportOutcome_endsARunningAgent() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.RUNNING));

    HttpResponse<String> response =
        http.post("/agents/a1/status", "{\"status\":\"completed\",\"detail\":\"PR #7 opened\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(response.body()))
        .containsEntry("status", "completed")
        .containsEntry("updated_at", "2026-12-04T16:00:00.456Z");
    assertThat(http.changes.calls).containsExactly("reportOutcome a1 completed PR #7 opened");
  }

  @Test
  void reportOutcome_failedWithoutDetail_isAccepted() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.PENDING));

    HttpResponse<String> response = http.post("/agents/a1/status", "{\"status\":\"failed\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.changes.calls).containsExactly("reportOutcome a1 failed null");
  }

  @Test
  void reportOutcome_thatTheLifecycleForbids_is409() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.PENDING));

    HttpResponse<String> response = http.post("/agents/a1/status", "{\"status\":\"completed\"}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(TestJson.object(response.body()))
        .containsEntry("detail", "agent a1 cannot move from pending to completed");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"status\":\"running\"} | status must be completed or failed, was 'running'",
        "{\"detail\":\"x\"} | status is missing",
        "{\"status\":7} | status must be a string, was a number",
        "not json | the body is not valid JSON",
        "[] | the body must be a JSON object",
      })
  void reportOutcome_withABodyThatCannotBeMeant_is400(String body, String detail) {
    http.changes.put(TestAgents.agent("a1", AgentStatus.RUNNING));

    HttpResponse<String> response = http.post("/agents/a1/status", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) TestJson.object(response.body()).get("detail")).startsWith(detail);
    assertThat(http.changes.calls).isEmpty();
  }

  @Test
  void reportOutcome_forAnUnknownAgent_is404() {
    HttpResponse<String> response = http.post("/agents/ghost/status", "{\"status\":\"failed\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(TestJson.object(response.body())).containsEntry("detail", "no agent ghost");
  }

  @Test
  void cancel_withoutABody_usesTheDefaultReason() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.RUNNING));

    HttpResponse<String> response =
        http.send(http.request("/agents/a1/cancel").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestJson.object(response.body())).containsEntry("status", "cancelled");
    assertThat(http.changes.calls).containsExactly("cancel a1 cancelled through the API");
  }

  @Test
  void cancel_logsOneLineNamingTheAgent_withoutRepeatingTheReason() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.RUNNING));
    http.changes.put(TestAgents.agent("a2", AgentStatus.RUNNING));

    try (CapturedLogs logs = CapturedLogs.start()) {
      http.post("/agents/a1/cancel", "");
      http.post("/agents/a2/cancel", "{\"reason\":\"wrong repository\"}");

      assertThat(logs.await("agent a1:").getFormattedMessage())
          .isEqualTo("agent a1: cancelled through the API");
      assertThat(logs.await("agent a2:").getFormattedMessage())
          .isEqualTo("agent a2: cancelled through the API, reason: wrong repository");
    }
  }

  @Test
  void cancel_withAReason_recordsIt() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.PENDING));

    HttpResponse<String> response =
        http.post("/agents/a1/cancel", "{\"reason\":\"wrong repository\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.changes.calls).containsExactly("cancel a1 wrong repository");
  }

  @Test
  void cancel_anAgentThatHasEnded_is409() {
    http.changes.put(TestAgents.agent("a1", AgentStatus.COMPLETED));

    HttpResponse<String> response = http.post("/agents/a1/cancel", "");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(TestJson.object(response.body()))
        .containsEntry("detail", "agent a1 cannot move from completed to cancelled");
  }

  @Test
  void cancel_anUnknownAgent_is404() {
    HttpResponse<String> response = http.post("/agents/ghost/cancel", "");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void wrongMethod_is405ListingTheAllowedOnes() {
    HttpResponse<String> postList = http.post("/agents", "{}");
    HttpResponse<String> deleteAgent = http.send(http.request("/agents/a1").DELETE());
    HttpResponse<String> getCancel = http.get("/agents/a1/cancel");

    assertThat(postList.statusCode()).isEqualTo(405);
    assertThat(postList.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(deleteAgent.statusCode()).isEqualTo(405);
    assertThat(deleteAgent.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(getCancel.statusCode()).isEqualTo(405);
    assertThat(getCancel.headers().firstValue("Allow")).hasValue("POST");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/agents/<script>    | 404 | no agent <script>",
        "/agents/{x}         | 404 | no agent {x}",
        "`/agents/a|b`       | 404 | `no agent a|b`",
        "/agents/a\"b        | 404 | no agent a\"b",
        "/agents/\u00c3\u00a9    | 404 | no agent \u00e9",
        "/agents/%zz         | 400 | the path has a % that is not followed by two hex digits",
        "/agents/a%2         | 400 | the path has a % that is not followed by two hex digits",
        "/agents?repo=%zz    | 400 | the query string has a % that is not followed by two hex",
        "/agents?before=%    | 400 | the query string has a % that is not followed by two hex",
      })
  void requestTargetUndertowWouldRefuseBare_isAProblem(String target, int status, String detail) {
    // Sent byte for byte, as no well-behaved client would: the two bytes of an é are raw UTF-8.

    Answer answer = RawHttp.get(http.server.port(), target, Map.of());

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    assertThat(TestJson.object(answer.body()).get("detail").toString()).startsWith(detail);
  }

  @Test
  void escapedCharactersInThePath_areDecodedBeforeRouting() {
    stored("a1");

    Answer answer = RawHttp.get(http.server.port(), "/%61gents/%61%31", Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(TestJson.object(answer.body())).containsEntry("id", "a1");
  }

  @Test
  void unknownPath_is404Problem() {
    HttpResponse<String> response = http.get("/agents/a1/logs");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestJson.object(response.body()))
        .containsEntry("type", "https://webhook-agents.dev/problems/not-found");
    assertThat(http.get("/index.html").statusCode()).isEqualTo(404);
    assertThat(http.get("/agents/").statusCode()).isEqualTo(404);
  }

  private static Map.Entry<String, Object> entryOfNull(String key) {
    return new AbstractMap.SimpleEntry<>(key, null);
  }

  private static Map<String, Object> mapWithNullDetail(String status, String at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("status", status);
    event.put("at", at);
    event.put("detail", null);
    return event;
  }

  private void stored(String id) {
    Agent agent = TestAgents.agent(id, AgentStatus.RUNNING);
    http.queries.details.put(agent.id(), new AgentDetails(agent, List.of()));
  }
}
