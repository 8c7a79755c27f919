package io.webhookagents.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.app.Orchestrator;
import io.webhookagents.app.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The jar's commands against a running instance on loopback. */
class CommandLineTest {
  private static final String SECRET = "cli-secret";

  @TempDir Path dataDir;

  private Orchestrator orchestrator;
  private Map<String, String> env;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    orchestrator =
        Orchestrator.start(
            AppConfig.fromEnvironment(
                Map.of(
                    "GITHUB_WEBHOOK_SECRET",
                    SECRET,
                    "BIND_ADDRESS",
                    "127.0.0.1",
                    "PORT",
                    "0",
                    "DB_PATH",
                    dataDir.resolve("agents.db").toString())));
    env = Map.of("GITHUB_WEBHOOK_SECRET", SECRET, "PORT", String.valueOf(orchestrator.port()));
  }

  @AfterEach
  void stop() {
    orchestrator.close();
  }

  @Test
  void replay_signsThePayloadAndTheServiceAcceptsIt() {
    Path payload = fixture("issues.opened.json");

    int status = run(env, "replay", payload.toString(), "--event", "issues");

    assertThat(status).isZero();
    assertThat(out.toString()).startsWith("202 {\"agent_id\":\"");
  }

  @Test
  void replayWithTheSameDelivery_isADuplicate() {
    Path payload = fixture("issues.opened.json");
    run(env, "replay", payload.toString(), "--event", "issues", "--delivery", "cli-1");
    out.getBuffer().setLength(0);

    run(env, "replay", payload.toString(), "--event", "issues", "--delivery", "cli-1");

    assertThat(out.toString()).startsWith("200 {\"status\":\"duplicate\"");
  }

  @Test
  void replayWithTheWrongSecret_isRefusedAndSaysSo() {
    Map<String, String> wrong = Map.of("GITHUB_WEBHOOK_SECRET", "nope", "PORT", env.get("PORT"));

    int status = run(wrong, "replay", fixture("ping.json").toString(), "--event", "ping");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).startsWith("401 ");
  }

  @Test
  void agents_printsATableOfTheAgents() {
    run(env, "replay", fixture("issues.opened.json").toString(), "--event", "issues");
    out.getBuffer().setLength(0);

    int status = run(env, "agents");

    assertThat(status).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("ID").contains("STATUS", "SUBJECT", "LAST ERROR");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("github", "Codertocat/Hello-World#1");
  }

  @Test
  void aServiceThatIsNotRunning_givesAClearError() {
    Map<String, String> nowhere = Map.of("GITHUB_WEBHOOK_SECRET", SECRET, "PORT", "1");

    int status = run(nowhere, "agents");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("agents: could not reach http://127.0.0.1:1");
  }

  @Test
  void noArguments_serves_andABadSettingEndsItWithStatus2BeforeAnythingStarts() {
    Map<String, String> badPort = Map.of("GITHUB_WEBHOOK_SECRET", SECRET, "PORT", "eighty");

    int status = runWithoutArguments(badPort);

    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "orchestrator: invalid configuration:\n"
                + "  - PORT must be a whole number from 0 to 65535, was 'eighty'\n");
  }

  @Test
  void noArguments_andADatabaseThatCannotBeOpened_saysWhyOnStderr_withStatus1() {
    Map<String, String> directoryAsFile =
        Map.of(
            "GITHUB_WEBHOOK_SECRET",
            SECRET,
            "PORT",
            "0",
            "BIND_ADDRESS",
            "127.0.0.1",
            "DB_PATH",
            dataDir.toString());

    int status = runWithoutArguments(directoryAsFile);

    assertThat(status).isEqualTo(1);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .startsWith("orchestrator: could not start: could not open database " + dataDir)
        .endsWith(" (the log has the details)" + System.lineSeparator());
  }

  /** Runs as {@code java -jar} with no arguments does, what it writes to System.err kept. */
  private int runWithoutArguments(Map<String, String> environment) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      return OrchestratorCli.run(environment);
    } finally {
      System.setErr(original);
    }
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine commandLine = OrchestratorCli.commandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Path fixture(String name) {
    return io.webhookagents.app.FixturesAccess.github().resolve(name);
  }
}
