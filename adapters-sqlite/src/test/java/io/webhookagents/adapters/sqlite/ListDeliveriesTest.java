package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListDeliveriesTest {
  @TempDir Path directory;
  private SqliteDatabase database;
  private AgentStore store;

  @BeforeEach
  void open() {
    database = TestDatabases.openIn(directory);
    store = database.agentStore();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void listDeliveries_returnsNewestFirst_atMostTheLimit() {
    for (int n = 1; n <= 5; n++) {
      store.recordDelivery(ignored(Source.GITHUB, n), null, null);
    }

    List<StoredDelivery> page = store.listDeliveries(query(null, null, 3, null));

    assertThat(deliveryIds(page)).containsExactly("d-5", "d-4", "d-3");
    assertThat(page).extracting(StoredDelivery::id).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void listDeliveries_keepsEveryFieldAsRecorded() {
    Agent agent = record(store, pending(1));
    DeliveryRecord ignored = ignored(Source.SLACK, 2);
    store.recordDelivery(ignored, null, null);

    List<StoredDelivery> page = store.listDeliveries(query(null, null, 10, null));

    assertThat(page)
        .extracting(StoredDelivery::delivery)
        .containsExactly(ignored, createdDelivery(agent));
  }

  @Test
  void listDeliveries_pagedWithBefore_visitsEachDeliveryOnce() {
    for (int n = 1; n <= 5; n++) {
      store.recordDelivery(ignored(Source.GITHUB, n), null, null);
    }

    List<StoredDelivery> first = store.listDeliveries(query(null, null, 2, null));
    List<StoredDelivery> second = store.listDeliveries(query(null, null, 2, lastId(first)));
    List<StoredDelivery> third = store.listDeliveries(query(null, null, 2, lastId(second)));

    assertThat(deliveryIds(first)).containsExactly("d-5", "d-4");
    assertThat(deliveryIds(second)).containsExactly("d-3", "d-2");
    assertThat(deliveryIds(third)).containsExactly("d-1");
  }

  @Test
  void listDeliveries_filteredBySource_returnsOnlyThatSource() {
    store.recordDelivery(ignored(Source.GITHUB, 1), null, null);
    store.recordDelivery(ignored(Source.LINEAR, 2), null, null);
    store.recordDelivery(ignored(Source.GITHUB, 3), null, null);

    List<StoredDelivery> page = store.listDeliveries(query(Source.GITHUB, null, 10, null));

    assertThat(deliveryIds(page)).containsExactly("d-3", "d-1");
  }

  @Test
  void listDeliveries_filteredByDecision_findsDuplicates() {
    Agent agent = record(store, pending(1));
    store.recordDelivery(ignored(Source.GITHUB, 2), null, null);
    store.recordDelivery(createdDelivery(agent), null, null);

    List<StoredDelivery> duplicates =
        store.listDeliveries(query(null, DeliveryRecord.DUPLICATE, 10, null));

    assertThat(duplicates)
        .extracting(StoredDelivery::delivery)
        .extracting(DeliveryRecord::deliveryId, DeliveryRecord::agentId)
        .containsExactly(tuple(agent.deliveryId(), agent.id()));
  }

  @Test
  void listDeliveries_withSourceAndDecision_appliesBoth() {
    store.recordDelivery(ignored(Source.GITHUB, 1), null, null);
    store.recordDelivery(ignored(Source.LINEAR, 2), null, null);
    record(store, pending(3, Source.LINEAR, "octo-org/demo"));

    List<StoredDelivery> page =
        store.listDeliveries(query(Source.LINEAR, DeliveryRecord.IGNORED, 10, null));

    assertThat(deliveryIds(page)).containsExactly("d-2");
  }

  @Test
  void deleteDeliveriesBefore_deletesOnlyOlderOnes_amongAtMostTheOldestMax() {
    Agent agent = record(store, pending(1));
    for (int n = 2; n <= 6; n++) {
      store.recordDelivery(ignored(Source.GITHUB, n), null, null);
    }

    int firstRound = store.deleteDeliveriesBefore(T0.plusSeconds(5), 2);
    int secondRound = store.deleteDeliveriesBefore(T0.plusSeconds(5), 10);

    assertThat(firstRound).isEqualTo(2);
    assertThat(secondRound).isEqualTo(2);
    assertThat(deliveryIds(store.listDeliveries(query(null, null, 10, null))))
        .containsExactly("d-6", "d-5");
    assertThat(store.deliverySeen(Source.GITHUB, "d-2")).isFalse();
    assertThat(store.find(agent.id())).isPresent();
  }

  private static DeliveryRecord ignored(Source source, int number) {
    return new DeliveryRecord(
        source,
        "d-" + number,
        "issues.labeled",
        DeliveryRecord.IGNORED,
        "no trigger label",
        null,
        T0.plusSeconds(number));
  }

  private static DeliveryQuery query(
      @Nullable Source source, @Nullable String decision, int limit, @Nullable Long before) {
    return new DeliveryQuery(source, decision, limit, before);
  }

  private static List<String> deliveryIds(List<StoredDelivery> page) {
    return page.stream().map(stored -> stored.delivery().deliveryId()).toList();
  }

  private static long lastId(List<StoredDelivery> page) {
    return page.get(page.size() - 1).id();
  }
}
