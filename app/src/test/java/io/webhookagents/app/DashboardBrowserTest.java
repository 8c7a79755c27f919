package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium against the whole service: it asks for the API token,
 * shows a new agent as it moves on, and shows its timeline and prompt as text.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages; skipped without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private LocalService service;
  private WebDriver browser;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assumeTrue(
        WebDriver.installed(),
        "skipped: the browser test needs "
            + WebDriver.CHROMIUM
            + " and "
            + WebDriver.CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)");
    service = LocalService.start(Files.createDirectories(dir.resolve("service")));
    browser = WebDriver.start(Files.createDirectories(dir.resolve("browser")));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @BeforeEach
  void openDashboardAndEnterTheToken() throws Exception {
    browser.navigate(service.base + "/");
    browser.script("sessionStorage.clear(); location.reload();");

    browser.await("the page to ask for the token", WAIT, () -> shown("auth-needed") ? true : null);
    browser.type(browser.find("#token"), LocalService.TOKEN);
    browser.click(browser.find("#token-form button[type=submit]"));

    browser.await("the page to accept the token", WAIT, () -> shown("auth-needed") ? null : true);
    assertThat(shown("error")).as("the error banner").isFalse();
  }

  @Test
  void newAgent_appearsCompleted_andShowsItsTimelineAndPrompt() throws Exception {
    String agentId = agentId(service.deliver("issues.opened.json", "browser-opened"));

    String status =
        browser.await("agent " + agentId + " to show completed", WAIT, () -> status(agentId));
    selectRow(agentId);

    List<String> timeline = timelineOf(agentId, 4);
    assertThat(status).isEqualTo("completed");
    assertThat(timeline).containsExactly("pending", "session_created", "running", "completed");
    String firstEntry =
        browser.await("the timeline text", WAIT, () -> browser.text(browser.find("#timeline li")));
    assertThat(firstEntry).startsWith("pending").contains("created for");
    String prompt = Json.field(service.get("/agents/" + agentId).body(), "prompt");
    assertThat(browser.script("return document.getElementById('prompt').textContent;"))
        .isEqualTo(prompt);
    assertThat(browser.text(browser.find("#prompt"))).contains("Spelling error in the README file");
  }

  @Test
  void hostileIssueTitle_isShownAsText_neverAsMarkup() throws Exception {
    String hostile = "<img src=x id=injected onerror=alert(1)><b id=bold>bold</b>";
    String fixture = new String(LocalService.fixture("issues.opened.json"), StandardCharsets.UTF_8);
    byte[] body =
        fixture
            .replace("Spelling error in the README file", hostile)
            .getBytes(StandardCharsets.UTF_8);
    String agentId = agentId(service.deliver("issues", "browser-hostile", body));

    browser.await("agent " + agentId + " to show completed", WAIT, () -> status(agentId));
    selectRow(agentId);
    timelineOf(agentId, 4);

    assertThat(browser.text(browser.find("#prompt"))).contains(hostile);
    assertThat(browser.findAll("#injected, #bold, #agents img, #prompt *")).isEmpty();
  }

  /** The status cell of the agent's row, once it reads completed; null until then. */
  private String status(String agentId) {
    List<String> cells = browser.findAll(row(agentId) + " .status");
    if (cells.isEmpty()) {
      return null;
    }
    String text = browser.text(cells.get(0));
    return text.equals("completed") ? text : null;
  }

  private void selectRow(String agentId) throws InterruptedException {
    // Rows are drawn anew every two seconds; a click on one just replaced is tried again.
    browser.await(
        "a click on agent " + agentId,
        WAIT,
        () -> {
          browser.click(browser.find(row(agentId)));
          return true;
        });
  }

  /** The statuses the timeline lists once it shows the agent with {@code entries} entries. */
  private List<String> timelineOf(String agentId, int entries) throws InterruptedException {
    return browser.await(
        "the timeline of agent " + agentId,
        WAIT,
        () -> {
          Object shown =
              browser.script(
                  "const title = document.getElementById('detail-title').textContent;"
                      + "if (!title.endsWith(arguments[0])) return null;"
                      + "return Array.from(document.querySelectorAll('#timeline li'),"
                      + " (li) => li.dataset.status);",
                  agentId);
          if (!(shown instanceof List<?> list) || list.size() < entries) {
            return null;
          }
          return list.stream().map(String::valueOf).toList();
        });
  }

  private boolean shown(String id) {
    return Boolean.TRUE.equals(
        browser.script("return !document.getElementById(arguments[0]).hidden;", id));
  }

  private static String row(String agentId) {
    return "tr[data-agent-id='" + agentId + "']";
  }

  private static String agentId(HttpResponse<String> created) {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return Json.field(created.body(), "agent_id");
  }
}
