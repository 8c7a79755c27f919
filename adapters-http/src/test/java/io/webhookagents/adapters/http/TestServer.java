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
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The real server on 127.0.0.1 and a free port, wired to fakes, with a client to call it. */
final class TestServer implements AutoCloseable {
  static final String SECRET = "test webhook secret";

  final FakeReceiveWebhook intake = new FakeReceiveWebhook();
  final FakeQueryAgents queries = new FakeQueryAgents();
  final FakeChangeAgents changes = new FakeChangeAgents();
  final FakeReadiness readiness = new FakeReadiness();
  final HttpServer server;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServer(HttpSettings settings) {
    server = HttpModule.httpServer(settings, intake, queries, changes, readiness);
    server.start();
  }

  /** GitHub configured with {@link #SECRET}, no API token, the default body limit. */
  static TestServer start() {
    return start(settings(SECRET, null, HttpSettings.DEFAULT_MAX_BODY_BYTES));
  }

  static TestServer start(HttpSettings settings) {
    return new TestServer(settings);
  }

  static HttpSettings settings(String githubSecret, String apiToken, long maxBodyBytes) {
    return new HttpSettings("127.0.0.1", 0, maxBodyBytes, githubSecret, apiToken);
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

  void assertStillServesHealth() {
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] fixture(String name) {
    try (InputStream in = TestServer.class.getResourceAsStream("/github/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
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
