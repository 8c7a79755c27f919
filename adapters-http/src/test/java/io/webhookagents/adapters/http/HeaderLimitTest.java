package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request headers are bounded far below Undertow's 1 MiB default, so connections cannot hoard. */
class HeaderLimitTest {

  @Test
  void headersOfAFewKib_areServed() {
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.get(http.server.port(), "/health", Map.of("X-Pad", "a".repeat(8_000)));

      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void headersPastTheBound_areRefused() {
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.get(
              http.server.port(),
              "/health",
              Map.of("X-Pad", "a".repeat(HttpServer.MAX_HEADER_BYTES + 1_000)));

      assertThat(answer.status()).isEqualTo(400);
      http.assertStillServesHealth();
    }
  }
}
