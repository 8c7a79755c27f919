package io.webhookagents.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file deleted or replaced under the running service fails writes, not silently. */
class DatabaseFileTest {
  @TempDir Path directory;

  @Test
  void aDatabaseFileDeletedWhileOpen_failsTheNextWrite_andIsNotWritable() throws Exception {
    SqliteDatabase database = TestDatabases.openIn(directory);
    try {
      AgentStore store = database.agentStore();
      store.recordDelivery(ping("d-before"), null, null);

      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(directory.resolve("agents.db" + suffix));
      }

      assertThatThrownBy(() -> store.recordDelivery(ping("d-after"), null, null))
          .isInstanceOf(StoreException.class)
          .hasStackTraceContaining("was deleted while the service ran");
      assertThat(store.writeProblem())
          .hasValueSatisfying(
              problem ->
                  assertThat(problem)
                      .startsWith("the database cannot be written: database file")
                      .contains("was deleted while the service ran"));
    } finally {
      database.close();
    }
  }

  @Test
  void aDatabaseFileReplacedWhileOpen_failsTheNextWrite() throws Exception {
    SqliteDatabase database = TestDatabases.openIn(directory);
    try {
      AgentStore store = database.agentStore();
      Path file = directory.resolve("agents.db");
      Path copy = directory.resolve("copy.db");
      Files.copy(file, copy);

      Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);

      assertThatThrownBy(() -> store.recordDelivery(ping("d-after"), null, null))
          .isInstanceOf(StoreException.class)
          .hasStackTraceContaining("was replaced while the service ran");
    } finally {
      database.close();
    }
  }

  @Test
  void theFileAsOpened_takesWrites() {
    SqliteDatabase database = TestDatabases.openIn(directory);
    try {
      database.agentStore().recordDelivery(ping("d-1"), null, null);

      assertThat(database.agentStore().deliverySeen(Source.GITHUB, "d-1")).isTrue();
      assertThat(database.agentStore().writeProblem()).isEmpty();
    } finally {
      database.close();
    }
  }

  private static DeliveryRecord ping(String id) {
    return new DeliveryRecord(
        Source.GITHUB, id, "ping", DeliveryRecord.IGNORED, "ping", null, Fixtures.T0);
  }
}
