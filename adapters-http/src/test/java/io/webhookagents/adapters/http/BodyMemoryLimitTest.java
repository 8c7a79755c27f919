package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bodies a server holds at once stay within its {@link BodyMemory}: one without room is refused
 * with a 503 problem before its signature is looked at, and every way a body ends gives its memory
 * back.
 *
 * <p>A body's array doubles as it grows, and the old one is live while it is copied into the new,
 * so a body declared as 290 KiB needs up to 580 KiB for a moment and then holds exactly 290 KiB.
 */
class BodyMemoryLimitTest {
  private static final int KIB = 1024;

  private final BodyMemory memory = new BodyMemory(600 * KIB, 600 * KIB);

  @Test
  void aBodyWithoutRoom_is503ProblemWithRetryAfter_andNothingReachesIntake() throws Exception {
    try (TestServer http = server(1 << 20)) {
      // Less room than the smallest first array a body gets (8 KiB).
      BodyMemory.Share others = memory.share();
      others.grow(596 * KIB);

      Answer refused =
          RawHttp.post(http.server.port(), "/webhook", unsigned("d-crowded"), ping(20 * KIB));

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.header("Retry-After")).hasValue("5");
      assertThat(TestJson.object(refused.body()).get("type").toString())
          .endsWith("/no-room-for-body");
      assertThat(http.intake.received).isEmpty();
      assertThat(memory.held()).isEqualTo(596 * KIB);
    }
  }

  @Test
  void aClientWaitingToContinue_isRefusedBeforeItSends_whenItsBodyHasNoRoom() throws Exception {
    try (TestServer http = server(1 << 20)) {
      BodyMemory.Share others = memory.share();
      others.grow(590 * KIB);

      // The answer's first line would be 100 Continue had the client been told to send.
      Answer refused =
          RawHttp.announce(http.server.port(), "/webhook", unsigned("d-waiting"), 20 * KIB);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).hasValue("5");
      assertThat(http.intake.received).isEmpty();
      assertThat(http.intake.refused).containsExactly("github 503");
      assertThat(memory.held()).isEqualTo(590 * KIB);
    }
  }

  @Test
  void aClientThatLeavesMidBody_givesItsRoomBack_forTheNextDelivery() throws Exception {
    try (TestServer http = server(1 << 20)) {
      try (Socket leaving = new Socket(InetAddress.getLoopbackAddress(), http.server.port())) {
        sendPartly(leaving, http.server.port(), 290 * KIB, 280 * KIB);
        Eventually.waitUntil(() -> memory.held() == 290 * KIB);
      }
      Eventually.waitUntil(() -> memory.held() == 0);

      HttpResponse<String> accepted = http.deliver("ping", "d-after", ping(300 * KIB));

      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(http.intake.onlyEvent().deliveryId()).isEqualTo("d-after");
      Eventually.waitUntil(() -> memory.held() == 0);
    }
  }

  @Test
  void aClientThatSendsOnlyHeaders_holdsNothing() throws Exception {
    try (TestServer http = server(1 << 20);
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), http.server.port())) {
      sendPartly(silent, http.server.port(), 900 * KIB, 0);

      HttpResponse<String> accepted = http.deliver("ping", "d-beside", ping(20 * KIB));

      assertThat(accepted.statusCode()).isEqualTo(200);
      Eventually.waitUntil(() -> memory.held() == 0);
    }
  }

  @Test
  void answeredBodies_holdNothingAfterwards_whateverTheAnswer() throws Exception {
    try (TestServer http = server(1 << 20)) {

      HttpResponse<String> accepted = http.deliver("ping", "d-ok", ping(300 * KIB));
      Answer badSignature =
          RawHttp.post(http.server.port(), "/webhook", unsigned("d-bad"), ping(300 * KIB));

      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(badSignature.status()).isEqualTo(401);
      Eventually.waitUntil(() -> memory.held() == 0);
    }
  }

  @Test
  void aChunkedBodyGrowingPastTheLimit_holdsNothingAfterItsAnswer() throws Exception {
    try (TestServer tight = server(1024)) {
      byte[] body = ping(4 * KIB);

      HttpResponse<String> response =
          tight.send(
              tight
                  .githubRequest("/webhook", "ping", "d-big", body)
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(body))));

      assertThat(response.statusCode()).isEqualTo(413);
      Eventually.waitUntil(() -> memory.held() == 0);
    }
  }

  private TestServer server(long maxBodyBytes) {
    return TestServer.start(TestServer.settings(TestServer.SECRET, null, maxBodyBytes), memory);
  }

  /** Sends the head of a POST declaring {@code declared} bytes, and {@code sent} of them. */
  private static void sendPartly(Socket socket, int port, int declared, int sent) throws Exception {
    StringBuilder head = new StringBuilder("POST /webhook HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    unsigned("d-holding").forEach((name, value) -> head.append(name + ": " + value + "\r\n"));
    head.append("Content-Length: ").append(declared).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[sent]);
    out.flush();
  }

  private static Map<String, String> unsigned(String delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-GitHub-Event", "ping");
    headers.put("X-GitHub-Delivery", delivery);
    headers.put("X-Hub-Signature-256", "sha256=" + "0".repeat(64));
    return headers;
  }

  private static byte[] ping(int size) {
    String prefix = "{\"zen\":\"";
    return (prefix + "x".repeat(size - prefix.length() - 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
