package io.webhookagents.app;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Just enough of the W3C WebDriver protocol to drive a headless Chromium through chromedriver, both
 * started here on loopback and stopped on {@link #close()}. Written out rather than taken from
 * Selenium, whose driver manager would reach for the network.
 *
 * <p>Chromium is told to send everything but loopback traffic to a port where nothing listens, so a
 * page under test cannot reach any other host.
 */
final class WebDriver implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Duration STARTUP = Duration.ofSeconds(15);
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private final Process driver;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private String session;

  /** A failure chromedriver reported: its W3C error code and message. */
  static final class WebDriverException extends RuntimeException {
    WebDriverException(String message) {
      super(message);
    }
  }

  private WebDriver(Process driver, int port) {
    this.driver = driver;
    this.base = "http://127.0.0.1:" + port;
  }

  /** True when both Debian binaries are installed. */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts chromedriver and a headless browser whose profile and logs live in {@code dir}. */
  static WebDriver start(Path dir) throws Exception {
    int port = freeLoopbackPort();
    Process process =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromedriver.log").toFile())
            .start();
    WebDriver driver = new WebDriver(process, port);
    try {
      driver.awaitReady();
      driver.session = driver.newSession(dir.resolve("profile"));
      return driver;
    } catch (Exception | AssertionError e) {
      driver.close();
      throw e;
    }
  }

  void navigate(String url) {
    command("POST", "/url", Map.of("url", url));
  }

  /** The element the selector finds first; a {@link WebDriverException} when there is none. */
  String find(String css) {
    return elementId(command("POST", "/element", locator(css)));
  }

  /** Every element the selector finds, in document order; empty when there is none. */
  List<String> findAll(String css) {
    List<?> found = (List<?>) command("POST", "/elements", locator(css));
    return found.stream().map(WebDriver::elementId).toList();
  }

  /** The element's rendered text, as a user would read it. */
  String text(String element) {
    return (String) command("GET", "/element/" + element + "/text", null);
  }

  void click(String element) {
    command("POST", "/element/" + element + "/click", Map.of());
  }

  void type(String element, String text) {
    command("POST", "/element/" + element + "/value", Map.of("text", text));
  }

  /** Runs {@code script} as a function body in the page; {@code arguments} holds {@code args}. */
  Object script(String script, Object... args) {
    return command("POST", "/execute/sync", Map.of("script", script, "args", List.of(args)));
  }

  /**
   * Asks {@code probe} every 100 ms until it answers non-null, and returns that. A probe that
   * fails, such as one holding an element the page has since replaced, counts as not yet.
   */
  <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        T answer = probe.get();
        if (answer != null) {
          return answer;
        }
      } catch (WebDriverException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }

  /** Ends the browser session, then chromedriver and anything it left running. */
  @Override
  public void close() {
    try {
      if (session != null) {
        send("DELETE", "/session/" + session, null);
      }
    } catch (RuntimeException e) {
      // The processes are stopped below whatever the session says.
    } finally {
      driver.descendants().forEach(ProcessHandle::destroy);
      driver.destroy();
      try {
        if (!driver.waitFor(5, TimeUnit.SECONDS)) {
          driver.descendants().forEach(ProcessHandle::destroyForcibly);
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!driver.isAlive()) {
        throw new AssertionError("chromedriver exited with status " + driver.exitValue());
      }
      try {
        Map<?, ?> status = (Map<?, ?>) send("GET", "/status", null);
        if (Boolean.TRUE.equals(status.get("ready"))) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // chromedriver is still starting.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("chromedriver did not become ready within " + STARTUP);
  }

  private String newSession(Path profile) {
    List<String> args =
        List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-client-side-phishing-detection",
            "--disable-domain-reliability",
            "--no-default-browser-check",
            "--no-first-run",
            // Loopback goes direct; anything else would go to a proxy that is not there.
            "--proxy-server=http://127.0.0.1:9",
            "--user-data-dir=" + profile);
    Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", args);
    Map<String, Object> capabilities =
        Map.of("capabilities", Map.of("alwaysMatch", Map.of("goog:chromeOptions", options)));
    Map<?, ?> created = (Map<?, ?>) send("POST", "/session", capabilities);
    return (String) created.get("sessionId");
  }

  private Object command(String method, String path, Object body) {
    return send(method, "/session/" + session + path, body);
  }

  /** Sends one command and returns its {@code value}; a W3C error becomes an exception. */
  private Object send(String method, String path, Object body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.toJson(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .method(method, publisher)
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " to chromedriver failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    Object value = value(response.body());
    if (response.statusCode() != 200) {
      Map<?, ?> error = value instanceof Map<?, ?> map ? map : Map.of();
      throw new WebDriverException(
          method + " " + path + ": " + error.get("error") + ": " + error.get("message"));
    }
    return value;
  }

  private static Object value(String body) {
    try {
      return ((Map<?, ?>) JSON.fromJson(body)).get("value");
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("chromedriver answered something not JSON: " + body, e);
    }
  }

  private static Map<String, String> locator(String css) {
    return Map.of("using", "css selector", "value", css);
  }

  private static String elementId(Object element) {
    return (String) ((Map<?, ?>) element).get(ELEMENT);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
