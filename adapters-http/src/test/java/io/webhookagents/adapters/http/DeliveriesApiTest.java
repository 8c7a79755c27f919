package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryPage;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.DeliveryRecord;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delivery audit through the real server, from a loopback client with no token configured. */
class DeliveriesApiTest {
  private static final Instant RECEIVED = Instant.parse("2026-12-04T15:40:00.123Z");

  private final TestServer http = TestServer.start();

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void list_showsEveryKeyOfEachDelivery_withNullsForAbsentValues() {
    http.deliveries.page =
        new DeliveryPage(
            List.of(
                stored(12, DeliveryRecord.CREATED, null, "agent-1"),
                stored(11, DeliveryRecord.IGNORED, "ping: nothing to do", null)),
            null);

    HttpResponse<String> response = http.get("/deliveries");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Link")).isEmpty();
    List<Map<String, Object>> deliveries = TestJson.array(response.body());
    assertThat(deliveries.get(0))
        .containsExactly(
            Map.entry("id", 12.0),
            Map.entry("source", "linear"),
            Map.entry("delivery_id", "d-12"),
            Map.entry("event", "Issue.create"),
            Map.entry("decision", "created"),
            entryOfNull("reason"),
            Map.entry("agent_id", "agent-1"),
            Map.entry("received_at", "2026-12-04T15:40:00.123Z"),
            Map.entry("redeliveries", 0.0));
    assertThat(deliveries.get(1))
        .containsEntry("decision", "ignored")
        .containsEntry("reason", "ping: nothing to do")
        .containsEntry("agent_id", null);
  }

  @Test
  void list_showsHowOftenAnOriginalCameAgain() {
    StoredDelivery original = stored(7, DeliveryRecord.CREATED, null, "agent-1");
    http.deliveries.page =
        new DeliveryPage(
            List.of(new StoredDelivery(original.id(), original.delivery(), 1_234)), null);

    HttpResponse<String> response = http.get("/deliveries");

    assertThat(TestJson.array(response.body()).get(0)).containsEntry("redeliveries", 1234.0);
  }

  @Test
  void list_showsNoCountOnADuplicatesOwnRow() {
    http.deliveries.page =
        new DeliveryPage(
            List.of(stored(8, DeliveryRecord.DUPLICATE, "delivered before", null)), null);

    HttpResponse<String> response = http.get("/deliveries");

    assertThat(TestJson.array(response.body()).get(0)).containsEntry("redeliveries", null);
  }

  @Test
  void list_passesEveryFilterToTheQuery() {
    HttpResponse<String> response =
        http.get("/deliveries?source=slack&decision=follow-up&limit=2&before=99");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(http.deliveries.queries)
        .containsExactly(new DeliveryQuery(Source.SLACK, "follow-up", 2, 99L));
  }

  @Test
  void list_withoutParameters_asksForTheDefaultPage() {
    http.get("/deliveries?decision=&source=");

    assertThat(http.deliveries.queries).containsExactly(new DeliveryQuery(null, null, 50, null));
  }

  @Test
  void list_withAnotherPage_linksToIt_keepingTheOtherParameters() {
    http.deliveries.page =
        new DeliveryPage(List.of(stored(40, DeliveryRecord.DUPLICATE, null, null)), 40L);

    HttpResponse<String> first = http.get("/deliveries?decision=duplicate&limit=1");
    String link = first.headers().firstValue("Link").orElseThrow();
    http.get(link.substring(1, link.indexOf('>')));

    assertThat(link).isEqualTo("</deliveries?decision=duplicate&limit=1&before=40>; rel=\"next\"");
    assertThat(http.deliveries.queries.get(1))
        .isEqualTo(new DeliveryQuery(null, "duplicate", 1, 40L));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "decision=started     | decision must be one of created, follow-up, duplicate, ignored",
        "source=gitlab        | source must be one of github, linear, slack",
        "limit=0              | limit must be a whole number from 1 to 500",
        "limit=501            | limit must be a whole number from 1 to 500",
        "before=0             | before must be the positive id of a delivery",
        "before=-3            | before must be the positive id of a delivery",
        "before=01ARZ3NDEKTSV | before must be the positive id of a delivery",
        "before=garbage       | before must be the positive id of a delivery",
        "before=1.5           | before must be the positive id of a delivery",
        "before=1e3           | before must be the positive id of a delivery",
        "before=99999999999999999999 | before must be the positive id of a delivery",
      })
  void list_withAValueThatCannotBeMeant_is400SayingWhatIsAllowed(String query, String detail) {
    HttpResponse<String> response = http.get("/deliveries?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestJson.object(response.body()).get("detail").toString()).startsWith(detail);
    assertThat(http.deliveries.queries).isEmpty();
  }

  @Test
  void withAToken_listingDeliveriesNeedsIt() {
    try (TestServer guarded = TestServer.start(TestServer.settings(null, "api-token", 1024))) {

      HttpResponse<String> without = guarded.get("/deliveries");
      HttpResponse<String> with =
          guarded.send(guarded.request("/deliveries").header("Authorization", "Bearer api-token"));

      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(with.statusCode()).isEqualTo(200);
      assertThat(guarded.deliveries.queries).hasSize(1);
    }
  }

  @Test
  void post_is405WithAllowGetAndHead() {
    HttpResponse<String> response = http.post("/deliveries", "{}");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  private static StoredDelivery stored(long id, String decision, String reason, String agentId) {
    return new StoredDelivery(
        id,
        new DeliveryRecord(
            Source.LINEAR,
            "d-" + id,
            "Issue.create",
            decision,
            reason,
            agentId == null ? null : new AgentId(agentId),
            RECEIVED));
  }

  private static Map.Entry<String, Object> entryOfNull(String key) {
    return new AbstractMap.SimpleEntry<>(key, null);
  }
}
