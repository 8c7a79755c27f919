package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.RecordOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As many webhook senders at once as the HTTP server serves, each waiting for its commit. */
class ConcurrentIntakeTest {
  private static final int SENDERS = 64;
  private static final int DELIVERIES_EACH = 200;
  // Worded as the partial index deliveries_original is, so that SQLite looks the delivery up in it.
  private static final String FIND_DELIVERY =
      "SELECT count(*) FROM deliveries"
          + " WHERE source = ? AND delivery_id = ? AND decision <> 'duplicate'";

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
  void everySender_findsItsDeliveryCommitted_asSoonAsItsCallReturns() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> recorded = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int first = s * DELIVERIES_EACH + 1;
      recorded.add(senders.submit(() -> sendAndLook(first, start)));
    }

    start.countDown();
    int total = 0;
    for (Future<Integer> sender : recorded) {
      total += sender.get(120, TimeUnit.SECONDS);
    }
    senders.shutdown();

    int expected = SENDERS * DELIVERIES_EACH;
    assertThat(total).isEqualTo(expected);
    assertThat(countRows("agents")).isEqualTo(expected);
    assertThat(countRows("agent_events")).isEqualTo(expected);
    assertThat(countRows("deliveries")).isEqualTo(expected);
  }

  /**
   * Records deliveries {@code first} on, and after each call reads it back on a connection outside
   * the store; returns how many were recorded and then found.
   */
  private int sendAndLook(int first, CountDownLatch start) throws Exception {
    start.await();
    int found = 0;
    try (Connection outside = DriverManager.getConnection(url());
        PreparedStatement lookup = outside.prepareStatement(FIND_DELIVERY)) {
      for (int n = first; n < first + DELIVERIES_EACH; n++) {
        Agent agent = pending(n);
        RecordOutcome outcome =
            store.recordDelivery(createdDelivery(agent), agent, firstEvent(agent));

        assertThat(outcome).isEqualTo(new RecordOutcome.Recorded());
        lookup.setString(1, agent.source().wireName());
        lookup.setString(2, agent.deliveryId());
        try (ResultSet row = lookup.executeQuery()) {
          row.next();
          assertThat(row.getInt(1)).as("delivery %s after its call", agent.deliveryId()).isOne();
        }
        found++;
      }
    }
    return found;
  }

  private int countRows(String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private String url() {
    return "jdbc:sqlite:" + directory.resolve("agents.db");
  }
}
