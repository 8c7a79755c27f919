package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The shaded jar started the way the container image starts it: the JVM options of
 * deploy/Dockerfile's ENTRYPOINT and the {@code environment:} of deploy/compose.yaml, both read
 * from those files so they cannot drift from what this test runs. Failsafe runs it after {@code
 * package}, when app/target/orchestrator.jar exists.
 */
class PackagedJarIT {
  private static final String SECRET = "packaged-jar-webhook-secret";
  private static final String API_KEY = "packaged-jar-controller-key";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Path REPOSITORY = repositoryRoot();
  private static final String IMAGE_CLASS_DATA_OPTION =
      "-XX:SharedArchiveFile=/app/orchestrator.jsa";
  private static final String IMAGE_NATIVE_LIBRARY_OPTION = "-Dorg.sqlite.lib.path=/app/native";

  @TempDir Path volume;

  private final MockWebServer controller = new MockWebServer();
  private final AtomicInteger sessionsCreated = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> processes = new ArrayList<>();
  private Path classData;
  private Path nativeLibrary;

  @BeforeEach
  void startController() throws IOException {
    controller.setDispatcher(new OneSessionController());
    controller.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopEverything() throws IOException {
    processes.forEach(Process::destroyForcibly);
    controller.shutdown();
  }

  @Test
  void sigtermThenRestartOnTheSameVolume_exitsCleanlyAndKeepsTheAgentWithItsStatus()
      throws Exception {
    Map<String, String> environment = containerEnvironment();
    nativeLibrary = imageNativeLibrary();
    classData = trainedClassData(environment);
    Service first = start(environment, "first");
    Optional<String> firstMappings = first.mappings();
    String responsesSource = first.sourceOf("io.webhookagents.adapters.http.Responses");
    String deliveryId = "packaged-jar-" + UUID.randomUUID();
    HttpResponse<String> accepted = first.postSignedIssueOpened(deliveryId);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String agentId = Json.field(accepted.body(), "agent_id");
    first.awaitStatus(agentId, "running");

    int exitStatus = first.terminate(composeStopGracePeriod());
    Service second = start(environment, "second");
    Map<String, Object> agent = second.listedAgent(agentId);

    String firstLog = first.log();
    assertSoftly(
        then -> {
          then.assertThat(exitStatus).as("exit status after SIGTERM; log:%n%s", firstLog).isZero();
          then.assertThat(firstLog)
              .as("the jar carries the schema template, so a new volume needs no migration")
              .contains("created from the schema template")
              .doesNotContain("migrations, schema now at version");
          then.assertThat(agent)
              .containsEntry("status", "running")
              .containsEntry("delivery_id", deliveryId)
              .containsEntry("session_id", "session-1")
              .containsEntry("task_id", "task-1");
          then.assertThat(sessionsCreated).as("sessions created in both runs").hasValue(1);
          firstMappings.ifPresent(
              mappings ->
                  then.assertThat(mappings)
                      .as("SQLite's library is loaded from where the image puts it")
                      .contains(nativeLibrary.toString()));
          // The training run answered a /ready of its own, so answering the first one after a
          // start takes its classes from the archive, not from the jar.
          then.assertThat(responsesSource)
              .as("where the first /ready's response class was loaded from")
              .startsWith("shared objects file");
        });
  }

  /** compose.yaml's environment, with test secrets for its ${...} and loopback stand-ins. */
  private Map<String, String> containerEnvironment() throws IOException {
    Map<String, String> variables =
        Map.of(
            "GITHUB_WEBHOOK_SECRET", SECRET,
            "CONTROLLER_URL", controller.url("/").toString(),
            "CONTROLLER_API_KEY", API_KEY);
    List<String> compose = Files.readAllLines(REPOSITORY.resolve("deploy/compose.yaml"));
    Map<String, String> environment = ComposeFile.environment(compose, variables);
    assertThat(environment).containsEntry("GITHUB_WEBHOOK_SECRET", SECRET);

    // The image's base sets a UTF-8 locale; the host's may not.
    environment.put("LANG", "C.UTF-8");
    // What the volume, the port mapping and the controller are outside a container.
    environment.put("DB_PATH", volume.resolve("data/agents.db").toString());
    environment.put("BIND_ADDRESS", "127.0.0.1");
    environment.put("CONTROLLER_URL", controller.url("/").toString());
    environment.put("CONTROLLER_API_KEY", API_KEY);
    return environment;
  }

  private Duration composeStopGracePeriod() throws IOException {
    return ComposeFile.stopGracePeriod(
        Files.readAllLines(REPOSITORY.resolve("deploy/compose.yaml")));
  }

  /**
   * Records the class-data archive as the image build does, with {@code serve --exit-when-ready},
   * where the ENTRYPOINT's {@code -XX:SharedArchiveFile} can find it.
   */
  private Path trainedClassData(Map<String, String> environment) throws Exception {
    Path archive = volume.resolve("orchestrator.jsa");
    List<String> command =
        List.of(
            javaCommand(),
            "-XX:ArchiveClassesAtExit=" + archive,
            "-XX:+UseSerialGC",
            "-Dorg.sqlite.lib.path=" + nativeLibrary.getParent(),
            "-jar",
            jar().toString(),
            "serve",
            "--exit-when-ready");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("DB_PATH", volume.resolve("training/agents.db").toString());
    builder.environment().put("PORT", String.valueOf(freePort()));
    Path log = volume.resolve("training.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process training = builder.start();
    processes.add(training);
    assertThat(training.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("the training run exits by itself")
        .isTrue();
    assertThat(training.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log))
        .containsPattern("Ready: http://127\\.0\\.0\\.1:\\d+/ready answered 200");
    assertThat(archive).as("the class-data archive").isNotEmptyFile();
    return archive;
  }

  /**
   * SQLite's native library for this platform, taken out of the jar as the image build does, where
   * the ENTRYPOINT's {@code -Dorg.sqlite.lib.path} can find it.
   */
  private Path imageNativeLibrary() throws IOException {
    String entry =
        LibraryLoaderUtil.getNativeLibResourcePath().substring(1)
            + "/"
            + LibraryLoaderUtil.getNativeLibName();
    Path library = Files.createDirectories(volume.resolve("native")).resolve("libsqlitejdbc.so");
    try (JarFile jar = new JarFile(jar().toFile());
        InputStream in = jar.getInputStream(jar.getEntry(entry))) {
      Files.copy(in, library);
    }
    return library;
  }

  private Service start(Map<String, String> environment, String name) throws Exception {
    int port = freePort();
    Path classes = volume.resolve(name + "-classes.log");
    List<String> command = entrypoint(classData, nativeLibrary);
    command.add(1, "-Xlog:class+load=info:file=" + classes);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("PORT", String.valueOf(port));
    Path log = volume.resolve(name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process process = builder.start();
    processes.add(process);
    Service service =
        new Service(process, port, log, classes, environment.get("ORCHESTRATOR_API_TOKEN"));
    service.awaitReady();
    return service;
  }

  /**
   * The Dockerfile's exec-form ENTRYPOINT, with this JVM's java, the built jar's path, and the
   * archive and native library made here.
   */
  private static List<String> entrypoint(Path classData, Path nativeLibrary) throws IOException {
    List<String> command =
        dockerfileEntrypoint(Files.readAllLines(REPOSITORY.resolve("deploy/Dockerfile")));
    assertThat(command).as("deploy/Dockerfile ENTRYPOINT").startsWith("java");
    assertThat(command).as("deploy/Dockerfile ENTRYPOINT").endsWith("/app/orchestrator.jar");
    assertThat(command).as("deploy/Dockerfile ENTRYPOINT").contains(IMAGE_CLASS_DATA_OPTION);
    assertThat(command).as("deploy/Dockerfile ENTRYPOINT").contains(IMAGE_NATIVE_LIBRARY_OPTION);

    command.set(0, javaCommand());
    command.set(command.indexOf(IMAGE_CLASS_DATA_OPTION), "-XX:SharedArchiveFile=" + classData);
    command.set(
        command.indexOf(IMAGE_NATIVE_LIBRARY_OPTION),
        "-Dorg.sqlite.lib.path=" + nativeLibrary.getParent());
    command.set(command.size() - 1, jar().toString());
    return command;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path jar() {
    Path jar = REPOSITORY.resolve("app/target/orchestrator.jar");
    assertThat(jar).as("the shaded jar; run `package` first").isRegularFile();
    return jar;
  }

  private static List<String> dockerfileEntrypoint(List<String> dockerfile) throws IOException {
    JsonAdapter<List<String>> array =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(List.class, String.class));
    for (String line : dockerfile) {
      if (line.startsWith("ENTRYPOINT [")) {
        return new ArrayList<>(array.fromJson(line.substring("ENTRYPOINT".length())));
      }
    }
    throw new AssertionError("deploy/Dockerfile has no one-line exec-form ENTRYPOINT");
  }

  /** The directory that holds deploy/Dockerfile, from the module or repository directory. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/Dockerfile"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "deploy/Dockerfile not found in " + Path.of("").toAbsolutePath() + " or its parents");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One running orchestrator process and the HTTP calls the test makes to it. */
  private final class Service {
    private final Process process;
    private final String base;
    private final Path log;
    private final Path classes;
    private final String apiToken;

    Service(Process process, int port, Path log, Path classes, String apiToken) {
      this.process = process;
      this.base = "http://127.0.0.1:" + port;
      this.log = log;
      this.classes = classes;
      this.apiToken = apiToken;
    }

    void awaitReady() throws Exception {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new AssertionError(
              "exited with " + process.exitValue() + " before ready; log:\n" + log());
        }
        if (statusOf("/ready") == 200) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("not ready within " + START_TIMEOUT + "; log:\n" + log());
    }

    HttpResponse<String> postSignedIssueOpened(String deliveryId) throws Exception {
      byte[] body = Files.readAllBytes(Fixtures.githubDirectory().resolve("issues.opened.json"));
      HttpRequest request =
          GitHubSignature.delivery(base + "/webhooks/github", "issues", deliveryId, SECRET, body)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    void awaitStatus(String agentId, String status) throws Exception {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      String agent = "";
      while (Instant.now().isBefore(deadline)) {
        agent = get("/agents/" + agentId).body();
        if (status.equals(Json.field(agent, "status"))) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("agent never reached " + status + ": " + agent + "\n" + log());
    }

    Map<String, Object> listedAgent(String agentId) throws Exception {
      HttpResponse<String> list = get("/agents?limit=500");
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      return Json.array(list.body()).stream()
          .filter(agent -> agentId.equals(agent.get("id")))
          .findFirst()
          .orElseThrow(() -> new AssertionError(agentId + " not in GET /agents: " + list.body()));
    }

    /** Sends SIGTERM, as docker stop does, and waits up to {@code grace} for the exit. */
    int terminate(Duration grace) throws Exception {
      process.destroy();

      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("still running " + grace + " after SIGTERM; log:\n" + log());
      }
      return process.exitValue();
    }

    String log() throws IOException {
      return Files.readString(log);
    }

    /** Where the JVM loaded {@code className} from, as its class-load log says; "" if not. */
    String sourceOf(String className) throws IOException {
      // Lines read "[0.745s][info][class,load] a.b.C source: file:/app/orchestrator.jar".
      String entry = "] " + className + " source: ";
      try (Stream<String> lines = Files.lines(classes)) {
        return lines
            .filter(line -> line.contains(entry))
            .map(line -> line.substring(line.indexOf(entry) + entry.length()))
            .findFirst()
            .orElse("");
      }
    }

    /** The files the process has mapped, from /proc where there is one. */
    Optional<String> mappings() throws IOException {
      Path maps = Path.of("/proc", String.valueOf(process.pid()), "maps");
      return Files.exists(maps) ? Optional.of(Files.readString(maps)) : Optional.empty();
    }

    private int statusOf(String path) throws Exception {
      try {
        return get(path).statusCode();
      } catch (IOException notListeningYet) {
        return -1;
      }
    }

    private HttpResponse<String> get(String path) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET();
      if (apiToken != null && !apiToken.isBlank()) {
        request.header("Authorization", "Bearer " + apiToken);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /**
   * Just enough of a compose file: the one service's {@code environment:} entries, as {@code KEY:
   * value} or {@code - KEY=value} lines, and {@code stop_grace_period}.
   */
  static final class ComposeFile {
    private static final Pattern VARIABLE =
        Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?}");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private ComposeFile() {}

    static Map<String, String> environment(List<String> lines, Map<String, String> variables) {
      Map<String, String> environment = new LinkedHashMap<>();
      int blockIndent = -1;
      for (String line : lines) {
        String text = line.strip();
        int indent = line.length() - line.stripLeading().length();
        if (blockIndent < 0) {
          blockIndent = text.equals("environment:") ? indent : -1;
        } else if (!text.isEmpty() && !text.startsWith("#")) {
          if (indent <= blockIndent) {
            break;
          }
          String[] entry =
              text.startsWith("- ") ? text.substring(2).split("=", 2) : text.split(":\\s*", 2);
          environment.put(entry[0].strip(), interpolate(unquote(entry[1].strip()), variables));
        }
      }
      return environment;
    }

    static Duration stopGracePeriod(List<String> lines) {
      for (String line : lines) {
        String text = line.strip();
        if (text.startsWith("stop_grace_period:")) {
          return duration(unquote(text.substring("stop_grace_period:".length()).strip()));
        }
      }
      return Duration.ofSeconds(10); // Docker's default
    }

    private static String interpolate(String value, Map<String, String> variables) {
      Matcher m = VARIABLE.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        if (name == null) {
          // "$$" is compose's escape for a literal "$".
          m.appendReplacement(out, "\\$");
          continue;
        }
        String given = variables.get(name);
        boolean required = m.group(2) != null && m.group(2).endsWith("?");
        if (given == null && required) {
          throw new AssertionError("compose.yaml requires " + name + "; give the test a value");
        }
        String fallback = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "";
        m.appendReplacement(out, Matcher.quoteReplacement(given != null ? given : fallback));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static String unquote(String value) {
      boolean quoted =
          value.length() >= 2
              && (value.startsWith("\"") && value.endsWith("\"")
                  || value.startsWith("'") && value.endsWith("'"));
      return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static Duration duration(String text) {
      Matcher m = DURATION_PART.matcher(text);
      Duration total = Duration.ZERO;
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "h" -> Duration.ofHours(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "s" -> Duration.ofSeconds(n);
                  default -> Duration.ofMillis(n);
                });
      }
      return total;
    }
  }

  /** A controller that gives out session-1 and task-1 and reports the task as still running. */
  private final class OneSessionController extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = String.valueOf(request.getPath());
      if (!("Bearer " + API_KEY).equals(request.getHeader("Authorization"))) {
        return new MockResponse().setResponseCode(401);
      }
      if (path.equals("/api/v1/sessions")) {
        sessionsCreated.incrementAndGet();
        return json("{\"id\":\"session-1\"}");
      }
      if (path.equals("/api/v1/sessions/session-1/tasks")) {
        return json("{\"id\":\"task-1\"}");
      }
      if (path.equals("/api/v1/sessions/session-1/tasks/task-1")) {
        return json("{\"id\":\"task-1\",\"status\":\"running\"}");
      }
      return new MockResponse().setResponseCode(404);
    }

    private MockResponse json(String body) {
      return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
  }
}
