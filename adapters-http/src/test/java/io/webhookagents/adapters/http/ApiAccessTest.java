package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiAccessTest {
  private static final String TOKEN = "s3cret-api-token";

  @Test
  void withAToken_aRequestWithoutIt_is401WithABearerChallenge() {
    try (TestServer http = withToken()) {

      HttpResponse<String> response = http.get("/agents");

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(TestJson.object(response.body()).get("detail").toString())
          .contains("Authorization: Bearer");
      assertThat(http.queries.queries).isEmpty();
    }
  }

  @Test
  void withAToken_aWrongToken_is401_andNeverEchoed() {
    try (TestServer http = withToken()) {

      HttpResponse<String> response =
          http.send(http.request("/agents").header("Authorization", "Bearer s3cret-api-tokeN"));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).doesNotContain("s3cret");
      assertThat(http.queries.queries).isEmpty();
    }
  }

  @Test
  void withAToken_theRightToken_isLetThrough_whateverTheSchemeCase() {
    try (TestServer http = withToken()) {

      HttpResponse<String> bearer =
          http.send(http.request("/agents").header("Authorization", "Bearer " + TOKEN));
      HttpResponse<String> lower =
          http.send(http.request("/agents").header("Authorization", "bearer  " + TOKEN));

      assertThat(bearer.statusCode()).isEqualTo(200);
      assertThat(lower.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withAToken_writeEndpointsNeedItToo() {
    try (TestServer http = withToken()) {

      HttpResponse<String> response = http.post("/agents/a1/cancel", "");

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(http.changes.calls).isEmpty();
    }
  }

  @Test
  void withAToken_healthAndReadinessNeedNone() {
    try (TestServer http = withToken()) {

      assertThat(http.get("/health").statusCode()).isEqualTo(200);
      assertThat(http.get("/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutAToken_aLoopbackClientIsLetThrough() {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response = http.get("/agents");

      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutAToken_everyLoopbackAddressIsLetThrough() {
    ApiAccess access = new ApiAccess(null);

    assertThatCode(() -> access.check(null, address("127.0.0.1"), "127.0.0.1:8000"))
        .doesNotThrowAnyException();
    assertThatCode(() -> access.check(null, address("127.8.9.10"), "localhost"))
        .doesNotThrowAnyException();
    assertThatCode(() -> access.check(null, address("::1"), "[::1]:8000"))
        .doesNotThrowAnyException();
  }

  @Test
  void withoutAToken_everyLoopbackHostName_isLetThrough() {
    ApiAccess access = new ApiAccess(null);

    for (String host :
        List.of(
            "localhost",
            "LocalHost:8000",
            "127.0.0.1",
            "127.255.0.9:65535",
            "[::1]",
            "[::1]:8000")) {
      assertThatCode(() -> access.check(null, address("127.0.0.1"), host))
          .as(host)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void withoutAToken_aLoopbackClientAddressingAnotherHost_is401SayingWhatToSet() {
    // DNS rebinding: a page on evil.example points its name at 127.0.0.1 and calls the API.
    ApiAccess access = new ApiAccess(null);

    for (String host :
        List.of(
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "128.0.0.1",
            "127.0.0.256",
            "[::2]",
            "localhost:80:80")) {
      ProblemException refused =
          catchThrowableOfType(
              ProblemException.class, () -> access.check(null, address("127.0.0.1"), host));

      assertThat(refused).as(host).isNotNull();
      assertThat(refused.problem().status()).isEqualTo(401);
      assertThat(refused.problem().detail()).contains("set ORCHESTRATOR_API_TOKEN");
    }
  }

  @Test
  void withoutAToken_aRequestThroughTheServerNamingAnotherHost_is401() {
    try (TestServer http = TestServer.start()) {

      Answer answer =
          RawHttp.get(http.server.port(), "/agents", Map.of("Host", "rebound.example:8000"));

      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
      assertThat(TestJson.object(answer.body()).get("detail").toString())
          .contains("rebound.example", "ORCHESTRATOR_API_TOKEN");
      assertThat(http.queries.queries).isEmpty();
    }
  }

  @Test
  void withAToken_anyHostName_isLetThroughWithTheToken() {
    try (TestServer http = withToken()) {

      Answer answer =
          RawHttp.get(
              http.server.port(),
              "/agents",
              Map.of("Host", "orchestrator.internal", "Authorization", "Bearer " + TOKEN));

      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void withoutAToken_anyOtherClient_is401SayingWhatToSet() {
    ApiAccess access = new ApiAccess(null);

    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () -> access.check("Bearer x", address("192.0.2.10"), "192.0.2.1:8000"));

    assertThat(refused.problem().status()).isEqualTo(401);
    assertThat(refused.problem().detail()).contains("set it", "ORCHESTRATOR_API_TOKEN");
    assertThat(refused.problem().headers()).containsEntry("WWW-Authenticate", "Bearer");
  }

  @Test
  void withoutAToken_anUnknownPeer_isRefused() {
    ApiAccess access = new ApiAccess(null);

    ProblemException refused =
        catchThrowableOfType(ProblemException.class, () -> access.check(null, null, "localhost"));

    assertThat(refused.problem().status()).isEqualTo(401);
  }

  private static TestServer withToken() {
    return TestServer.start(
        TestServer.settings(TestServer.SECRET, TOKEN, HttpSettings.DEFAULT_MAX_BODY_BYTES));
  }

  private static InetAddress address(String literal) throws UnknownHostException {
    // A literal address is parsed, never looked up.
    return InetAddress.getByName(literal);
  }
}
