package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The real server on 127.0.0.1 and a free port, wired to fakes, with a client to call it. */
final class TestServer implements AutoCloseable {
  static final String SECRET = "test webhook secret";
  static final String LINEAR_SECRET = "test linear signing secret";
  static final String SLACK_SECRET = "test slack signing secret";
  static final Instant NOW = Instant.parse("2026-12-04T16:00:00Z");
  static final Map<String, String> LINEAR_REPOS =
      Map.of("POR", "octo-org/port", "ENG", "octo-org/api", "LIN", "octo-org/linear");

  final FakeReceiveWebhook intake = new FakeReceiveWebhook();
  final FakeQueryAgents queries = new FakeQueryAgents();
  final FakeQueryDeliveries deliveries = new FakeQueryDeliveries();
  final FakeChangeAgents changes = new FakeChangeAgents();
  final FakeReadiness readiness = new FakeReadiness();
  final FakeScrapeMetrics metrics = new FakeScrapeMetrics();
  final TestClock clock;
  final HttpServer server;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServer(HttpSettings settings, Instant now) {
    clock = new TestClock(now);
    server =
        HttpModule.httpServer(
            settings, intake, queries, deliveries, changes, readiness, clock, metrics);
    server.start();
  }

  private TestServer(
      HttpSettings settings, Duration bodyDeadline, int workerThreads, BodyMemory bodyMemory) {
    clock = new TestClock(NOW);
    Routes.UseCases uses =
        new Routes.UseCases(intake, queries, deliveries, changes, readiness, clock, metrics);
    server = new HttpServer(settings, uses, bodyDeadline, workerThreads, bodyMemory);
    server.start();
  }

  /** GitHub configured with {@link #SECRET}, no API token, the default body limit. */
  static TestServer start() {
    return start(settings(SECRET, null, HttpSettings.DEFAULT_MAX_BODY_BYTES));
  }

  static TestServer start(HttpSettings settings) {
    return new TestServer(settings, NOW);
  }

  /**
   * A server whose clients have {@code bodyDeadline} to send a body, with {@code workerThreads}
   * threads to run handlers on.
   */
  static TestServer start(HttpSettings settings, Duration bodyDeadline, int workerThreads) {
    return new TestServer(
        settings,
        bodyDeadline,
        workerThreads,
        BodyMemory.forHeap(Runtime.getRuntime().maxMemory()));
  }

  /** A server whose request bodies may hold no more than {@code bodyMemory} allows. */
  static TestServer start(HttpSettings settings, BodyMemory bodyMemory) {
    return new TestServer(settings, HttpServer.BODY_DEADLINE, 4, bodyMemory);
  }

  /** A server whose clock reads {@code now}. */
  static TestServer start(HttpSettings settings, Instant now) {
    return new TestServer(settings, now);
  }

  static HttpSettings settings(String githubSecret, String apiToken, long maxBodyBytes) {
    return new HttpSettings("127.0.0.1", 0, maxBodyBytes, githubSecret, apiToken);
  }

  /** Every source configured, Linear teams mapped by {@link #LINEAR_REPOS}, no Slack default. */
  static HttpSettings allSources() {
    return settings(SECRET, null, HttpSettings.DEFAULT_MAX_BODY_BYTES)
        .withLinear(LINEAR_SECRET, LINEAR_REPOS)
        .withSlack(SLACK_SECRET, null);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  HttpResponse<String> post(String pathAndQuery, String json) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A JSON delivery to {@code /webhook} signed with {@link #SECRET}, as GitHub sends it. */
  HttpResponse<String> deliver(String event, String delivery, byte[] body) {
    return send(githubRequest("/webhook", event, delivery, body));
  }

  HttpRequest.Builder githubRequest(String path, String event, String delivery, byte[] body) {
    return request(path)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", sign(SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** A Linear delivery signed with {@link #LINEAR_SECRET}; the body must be dated already. */
  HttpRequest.Builder linearRequest(String delivery, byte[] body) {
    return request("/webhooks/linear")
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Linear-Delivery", delivery)
        .header("Linear-Signature", signLinear(LINEAR_SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** A Slack request signed with {@link #SLACK_SECRET} and dated by the server's clock. */
  HttpRequest.Builder slackRequest(String contentType, byte[] body) {
    String timestamp = Long.toString(clock.now().getEpochSecond());
    return request("/webhooks/slack")
        .header("Content-Type", contentType)
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", signSlack(SLACK_SECRET, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  void assertStillServesHealth() {
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  static String sign(String secret, byte[] body) {
    return "sha256=" + hmac(secret, body);
  }

  static String signLinear(String secret, byte[] body) {
    return hmac(secret, body);
  }

  static String signSlack(String secret, String timestamp, byte[] body) {
    byte[] base = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[base.length + body.length];
    System.arraycopy(base, 0, signed, 0, base.length);
    System.arraycopy(body, 0, signed, base.length, body.length);
    return "v0=" + hmac(secret, signed);
  }

  private static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] fixture(String name) {
    return resource("/github/" + name);
  }

  /**
   * A Linear fixture re-dated to {@code at}: the shared fixtures are from 2024, and Linear's
   * timestamp is inside the signed body, so the test changes it and signs the result.
   */
  static byte[] linearFixture(String name, Instant at) {
    String json = new String(resource("/linear/" + name), StandardCharsets.UTF_8);
    String dated =
        json.replaceFirst(
            "\"webhookTimestamp\": [0-9]+", "\"webhookTimestamp\": " + at.toEpochMilli());
    assertThat(dated).as("fixture " + name + " re-dated").isNotEqualTo(json);
    return dated.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] resource(String path) {
    try (InputStream in = TestServer.class.getResourceAsStream(path)) {
      assertThat(in).as("resource " + path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
