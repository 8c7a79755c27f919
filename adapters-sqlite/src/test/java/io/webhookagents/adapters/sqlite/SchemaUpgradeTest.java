package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written by the first version of the schema, opened by this one. */
class SchemaUpgradeTest {
  private static final DeliveryQuery ALL = new DeliveryQuery(null, null, 100, null);

  @TempDir Path directory;

  @Test
  void databaseAtVersion1_keepsItsAgentsAndDeliveries_numberedInTheOrderReceived()
      throws Exception {
    Path file = directory.resolve("agents.db");
    Agent agent = pending(1);
    DeliveryRecord created = createdDelivery(agent);
    DeliveryRecord earlier = ignored("gh-early", 0);
    DeliveryRecord later = ignored("gh-late", 5);
    try (HikariDataSource pool = atVersion1(file);
        Connection connection = pool.getConnection()) {
      AgentRows.insert(connection, agent);
      EventRows.append(connection, agent.id(), firstEvent(agent));
      insertAtVersion1(connection, later);
      insertAtVersion1(connection, created);
      insertAtVersion1(connection, earlier);
    }

    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      AgentStore store = database.agentStore();

      assertThat(store.find(agent.id())).contains(agent);
      assertThat(store.timeline(agent.id())).containsExactly(firstEvent(agent));
      assertThat(store.listDeliveries(ALL))
          .containsExactly(
              new StoredDelivery(3, later),
              new StoredDelivery(2, created),
              new StoredDelivery(1, earlier));
    }
    assertThat(foreignKeyViolations(file)).isZero();
  }

  @Test
  void databaseAtVersion1_stillRefusesARedeliveryAfterTheUpgrade() throws Exception {
    Path file = directory.resolve("agents.db");
    Agent agent = pending(1);
    try (HikariDataSource pool = atVersion1(file);
        Connection connection = pool.getConnection()) {
      AgentRows.insert(connection, agent);
      insertAtVersion1(connection, createdDelivery(agent));
    }

    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      AgentStore store = database.agentStore();
      RecordOutcome outcome = store.recordDelivery(createdDelivery(agent), null, null);

      assertThat(outcome).isEqualTo(new RecordOutcome.AlreadySeen(agent.id()));
      assertThat(store.listDeliveries(ALL))
          .extracting(StoredDelivery::id, stored -> stored.delivery().decision())
          .containsExactly(tuple(2L, DeliveryRecord.DUPLICATE), tuple(1L, DeliveryRecord.CREATED));
    }
  }

  @Test
  void databaseAtVersion2_countsItsDuplicates_andKeepsOnlyTheNewestOnTheNextRedelivery()
      throws Exception {
    Path file = directory.resolve("agents.db");
    int before = DeliveryRows.DUPLICATE_ROWS + 2;
    try (HikariDataSource pool = ConnectionPool.open(file, 1)) {
      Migrations.migrate(pool, file, MigrationVersion.fromVersion("2"));
      try (Connection connection = pool.getConnection()) {
        insertRow(connection, DeliveryRecord.IGNORED);
        for (int i = 0; i < before; i++) {
          insertRow(connection, DeliveryRecord.DUPLICATE);
        }
      }
    }

    try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.at(file))) {
      AgentStore store = database.agentStore();
      assertThat(store.listDeliveries(ALL))
          .hasSize(before + 1)
          .last()
          .extracting(StoredDelivery::redeliveries)
          .isEqualTo((long) before);

      store.recordDelivery(
          new DeliveryRecord(
              Source.GITHUB, "gh-1", "ping", DeliveryRecord.IGNORED, "ping", null, T0),
          null,
          null);

      assertThat(store.listDeliveries(ALL))
          .extracting(StoredDelivery::id, StoredDelivery::redeliveries)
          .hasSize(DeliveryRows.DUPLICATE_ROWS + 1)
          .startsWith(tuple((long) before + 2, 0L))
          .endsWith(tuple(1L, before + 1L));
    }
  }

  @Test
  void schema_holdsOneOriginalPerDelivery_andAnyNumberOfDuplicates() throws Exception {
    Path file = directory.resolve("agents.db");
    SqliteDatabase.open(SqliteSettings.at(file)).close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      insertRow(connection, DeliveryRecord.IGNORED);
      insertRow(connection, DeliveryRecord.DUPLICATE);
      insertRow(connection, DeliveryRecord.DUPLICATE);

      assertThatThrownBy(() -> insertRow(connection, DeliveryRecord.CREATED))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("UNIQUE");
    }
  }

  /** Inserts a row for GitHub delivery gh-1 straight into the table, past the store's checks. */
  private static void insertRow(Connection connection, String decision) throws SQLException {
    String sql =
        "INSERT INTO deliveries (source, delivery_id, kind, decision, received_at)"
            + " VALUES ('github', 'gh-1', 'ping', ?, 0)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, decision);
      statement.executeUpdate();
    }
  }

  private HikariDataSource atVersion1(Path file) {
    HikariDataSource pool = ConnectionPool.open(file, 1);
    Migrations.migrate(pool, file, MigrationVersion.fromVersion("1"));
    return pool;
  }

  /** Inserts a delivery as version 1 stored it: keyed by source and delivery id, unnumbered. */
  private static void insertAtVersion1(Connection connection, DeliveryRecord delivery)
      throws SQLException {
    String sql =
        "INSERT INTO deliveries"
            + " (source, delivery_id, kind, decision, reason, agent_id, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, delivery.source().wireName());
      statement.setString(2, delivery.deliveryId());
      statement.setString(3, delivery.kind());
      statement.setString(4, delivery.decision());
      statement.setString(5, delivery.reason());
      AgentId agentId = delivery.agentId();
      statement.setString(6, agentId == null ? null : agentId.value());
      statement.setLong(7, delivery.receivedAt().toEpochMilli());
      statement.executeUpdate();
    }
  }

  private static DeliveryRecord ignored(String deliveryId, int second) {
    return new DeliveryRecord(
        Source.GITHUB,
        deliveryId,
        "ping",
        DeliveryRecord.IGNORED,
        "not a trigger",
        null,
        T0.plusSeconds(second));
  }

  private static int foreignKeyViolations(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
      int violations = 0;
      while (rows.next()) {
        violations++;
      }
      return violations;
    }
  }
}
