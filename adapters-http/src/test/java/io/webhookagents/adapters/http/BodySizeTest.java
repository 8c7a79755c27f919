package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Body limits are this service's, answered as problems, never Undertow's own bare refusals.
 *
 * <p>Requests over a limit here declare their length and wait for {@code 100 Continue}: a server
 * that closes a connection with unread bytes resets it, and the reset can overtake the answer.
 */
class BodySizeTest {

  @Test
  void bodyOfThreeMebibytes_underTheDefaultLimit_isAccepted() {
    // Undertow refuses bodies over 2 MiB by default, far under the 25 MiB the contract promises.
    byte[] body = ping(3 * 1024 * 1024);
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response = http.deliver("ping", "d-big", body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(http.intake.onlyEvent().deliveryId()).isEqualTo("d-big");
    }
  }

  @Test
  void bodyOf24Mebibytes_justUnderTheDefaultLimit_isAccepted() {
    byte[] body = ping(24 * 1024 * 1024);
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response = http.deliver("ping", "d-24mib", body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(http.intake.onlyEvent().deliveryId()).isEqualTo("d-24mib");
    }
  }

  @Test
  void bodyDeclaredOverTheLimit_sentWithoutWaitingForContinue_is413Problem() {
    // Not a bare 400 from Undertow, and not after waiting for 30 MiB that are never read.
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.postPartly(
              http.server.port(),
              "/webhook",
              Map.of("Content-Type", "application/json"),
              Long.toString(30L * 1024 * 1024),
              ping(1024));

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
      assertThat(answer.header("Connection")).hasValue("close");
      assertThat(TestJson.object(answer.body()).get("detail").toString())
          .isEqualTo("the body is 31457280 bytes; at most 26214400 bytes are accepted");
      assertThat(http.intake.received).isEmpty();
    }
  }

  @Test
  void contentLengthBeyondWhatALongHolds_is413Problem_notA500() {
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.postPartly(
              http.server.port(),
              "/webhook",
              Map.of("Content-Type", "application/json"),
              "9".repeat(24),
              ping(1024));

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
      assertThat(TestJson.object(answer.body()).get("detail").toString())
          .startsWith("the body is " + "9".repeat(24) + " bytes");
    }
  }

  @Test
  void bodyDeclaredFarOverTheDefaultLimit_is413Problem() {
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.announce(
              http.server.port(), "/webhook", Map.of("Content-Type", "application/json"), 1L << 40);

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
      assertThat(TestJson.object(answer.body()).get("detail").toString())
          .isEqualTo("the body is 1099511627776 bytes; at most 26214400 bytes are accepted");
      assertThat(http.intake.received).isEmpty();
    }
  }

  @Test
  void largeBodyAwaitingContinue_onAPathThatTakesNone_is405_andTheConnectionCloses() {
    try (TestServer http = TestServer.start()) {

      // Returns only once the server closes the connection; a drain would time the read out.
      Answer answer = RawHttp.announce(http.server.port(), "/health", Map.of(), 5_000_000);

      assertThat(answer.status()).isEqualTo(405);
      assertThat(answer.header("Connection")).hasValue("close");
      http.assertStillServesHealth();
    }
  }

  @Test
  void smallBodyOfARefusedRequest_isDropped_andTheConnectionStaysOpen() {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response =
          http.send(
              http.request("/health").POST(HttpRequest.BodyPublishers.ofByteArray(ping(10_000))));

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Connection")).isNotEqualTo(Optional.of("close"));
    }
  }

  private static byte[] ping(int size) {
    String prefix = "{\"zen\":\"";
    return (prefix + "x".repeat(size - prefix.length() - 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
