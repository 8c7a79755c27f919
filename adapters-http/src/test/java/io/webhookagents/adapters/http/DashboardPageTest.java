package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard page as the server sends it. What the page does in a browser is tested in the app
 * module, against the whole service in a headless Chromium.
 */
class DashboardPageTest {
  private static final String TOKEN = "dashboard-api-token";

  @ParameterizedTest
  @ValueSource(strings = {"/", "/dashboard"})
  void page_isServedWithoutTheToken_evenWhenOneIsSet(String path) {
    try (TestServer http = withToken()) {

      HttpResponse<String> response = http.get(path);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(response.body()).startsWith("<!doctype html>").contains("id=\"timeline\"");
    }
  }

  @Test
  void page_carriesTheSecurityHeaders() {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response = http.get("/");

      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              policy ->
                  assertThat(policy)
                      .startsWith("default-src 'none';")
                      .contains("connect-src 'self'", "frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline", "unsafe-eval", "*"));
    }
  }

  @Test
  void policy_allowsExactlyTheInlineScriptAndStyleThePageHolds() throws Exception {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> response = http.get("/");

      String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      String page = response.body();
      assertThat(policy)
          .contains("script-src 'sha256-" + hashOf("script", page) + "';")
          .contains("style-src 'sha256-" + hashOf("style", page) + "';");
    }
  }

  @Test
  void page_insertsNoMarkupFromData_andLoadsNothingFromElsewhere() {
    String page = new String(StaticHandler.resource(Dashboard.RESOURCE), StandardCharsets.UTF_8);

    // Prompts, subjects and reasons are attacker-influenced: the page must only set text.
    assertThat(page)
        .doesNotContain(
            "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "srcdoc")
        .doesNotContain("src=", "@import", "url(", "//cdn", "fonts.");
    assertThat(page).doesNotContainPattern("href=\"(https?:)?//");
  }

  @Test
  void policy_forAPageWithoutScript_allowsNone() {

    String policy = Dashboard.policy("<html><style>p{}</style></html>");

    assertThat(policy).contains("script-src 'none';").doesNotContain("style-src 'none'");
  }

  private static TestServer withToken() {
    return TestServer.start(
        TestServer.settings(TestServer.SECRET, TOKEN, HttpSettings.DEFAULT_MAX_BODY_BYTES));
  }

  private static String hashOf(String element, String page) throws Exception {
    Matcher matcher = Pattern.compile("(?s)<" + element + ">(.*?)</" + element + ">").matcher(page);
    assertThat(matcher.find()).as("the page has a <" + element + "> element").isTrue();
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(matcher.group(1).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(digest);
  }
}
