package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.app.config.AppConfig;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the whole service when a step of the stop fails. */
class OrchestratorShutdownTest {
  @TempDir Path dataDir;

  @Test
  void close_whileAnotherProcessHoldsTheWriteLock_stillStopsServingAndClosesTheDatabase()
      throws Exception {
    Path database = dataDir.resolve("agents.db");
    Orchestrator orchestrator =
        Orchestrator.start(
            AppConfig.fromEnvironment(
                Map.of(
                    "GITHUB_WEBHOOK_SECRET", "shutdown-secret",
                    "BIND_ADDRESS", "127.0.0.1",
                    "PORT", "0",
                    "DB_PATH", database.toString())));
    int port = orchestrator.port();

    // Giving up the leases at the stop needs the write lock, which this connection keeps until
    // after the stop: that write fails once its busy timeout (10 s) has passed.
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");

      assertThatCode(orchestrator::close).doesNotThrowAnyException();

      statement.execute("ROLLBACK");
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .as("the HTTP server stopped after the step that failed")
        .isInstanceOf(ConnectException.class);
    assertThat(database.resolveSibling("agents.db-wal"))
        .as("the database was closed: the last connection folds the log back in and removes it")
        .doesNotExist();
  }
}
