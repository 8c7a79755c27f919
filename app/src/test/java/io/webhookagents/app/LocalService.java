package io.webhookagents.app;

import io.webhookagents.app.config.AppConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole service in this JVM with agents on the local runner, which, without {@code
 * AGENT_COMMAND}, completes each agent at its first poll; with a client that signs GitHub
 * deliveries and sends the API token.
 */
final class LocalService implements AutoCloseable {
  static final String SECRET = "local-service-webhook-secret";
  static final String TOKEN = "local-service-api-token";

  private final Orchestrator orchestrator;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;

  private LocalService(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
    this.base = "http://127.0.0.1:" + orchestrator.port();
  }

  /** Starts the service on a free loopback port, its database and workspaces in {@code dataDir}. */
  static LocalService start(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("ORCHESTRATOR_API_TOKEN", TOKEN);
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("PORT", "0");
    env.put("DB_PATH", dataDir.resolve("agents.db").toString());
    // Polled this often, a dry-run agent completes a fraction of a second after it runs.
    env.put("TASK_POLL_INTERVAL", "200ms");
    return new LocalService(Orchestrator.start(AppConfig.fromEnvironment(env)));
  }

  /** Sends a shared GitHub fixture as GitHub would, its event named by the file name. */
  HttpResponse<String> deliver(String fixture, String deliveryId) throws Exception {
    return deliver(fixture.split("\\.")[0], deliveryId, fixture(fixture));
  }

  /** Sends {@code body} signed, as GitHub sends a delivery of {@code event}. */
  HttpResponse<String> deliver(String event, String deliveryId, byte[] body) throws Exception {
    return http.send(signed(SECRET, event, deliveryId, body), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code body} as an {@code issues} delivery signed with another secret; the status. */
  int deliverSignedWith(String secret, String deliveryId, byte[] body) throws Exception {
    HttpRequest request = signed(secret, "issues", deliveryId, body);
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpRequest signed(String secret, String event, String deliveryId, byte[] body) {
    return GitHubSignature.delivery(base + "/webhooks/github", event, deliveryId, secret, body)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  /** The bytes of a shared GitHub fixture. */
  static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(Fixtures.githubDirectory().resolve(name));
  }

  /** A GET with the API token. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        request(path).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET without any token. */
  HttpResponse<String> getAnonymously(String path) throws IOException, InterruptedException {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits up to 15 seconds for the agent to reach {@code status}, and returns it then. */
  String awaitStatus(String agentId, String status) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    String agent = "";
    while (Instant.now().isBefore(deadline)) {
      agent = get("/agents/" + agentId).body();
      if (status.equals(Json.field(agent, "status"))) {
        return agent;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("agent " + agentId + " never reached " + status + ": " + agent);
  }

  @Override
  public void close() {
    orchestrator.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
  }
}
