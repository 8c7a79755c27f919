package io.webhookagents.app.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the newest agents of a running instance as a table. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "List agents from a running instance (uses ORCHESTRATOR_API_TOKEN if set).")
final class AgentsCommand implements Callable<Integer> {
  private static final String ROW = "%-26s  %-15s  %-6s  %-36s  %8s  %8s  %s%n";

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(names = "--status", description = "only agents in this status, e.g. running")
  @Nullable String status;

  @Option(names = "--limit", defaultValue = "50", description = "how many (default 50)")
  int limit;

  @Option(names = "--url", description = "the service (default: http://127.0.0.1:$PORT)")
  @Nullable String url;

  AgentsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    String base = url != null ? url : "http://127.0.0.1:" + env.getOrDefault("PORT", "8000");
    String query = "?limit=" + limit;
    if (status != null) {
      query += "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/agents" + query))
            .timeout(Duration.ofSeconds(30));
    String token = env.get("ORCHESTRATOR_API_TOKEN");
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> response;
    try {
      response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("agents: could not reach " + base + ": " + Unreachable.describe(e));
      return 1;
    }
    if (response.statusCode() != 200) {
      spec.commandLine().getErr().println(response.statusCode() + " " + response.body());
      return 1;
    }

    out.printf(ROW, "ID", "STATUS", "SOURCE", "SUBJECT", "ATTEMPTS", "AGE", "LAST ERROR");
    for (Map<String, Object> agent : parse(response.body())) {
      out.printf(
          ROW,
          agent.get("id"),
          agent.get("status"),
          agent.get("source"),
          agent.get("subject"),
          ((Number) agent.get("attempts")).intValue(),
          age(String.valueOf(agent.get("created_at"))),
          agent.get("last_error") == null ? "" : agent.get("last_error"));
    }
    return 0;
  }

  private static List<Map<String, Object>> parse(String json) throws IOException {
    JsonAdapter<List<Map<String, Object>>> adapter =
        new Moshi.Builder()
            .build()
            .adapter(
                Types.newParameterizedType(
                    List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    return adapter.fromJson(json);
  }

  private static String age(String createdAt) {
    Duration age = Duration.between(Instant.parse(createdAt), Instant.now());
    if (age.toHours() > 0) {
      return age.toHours() + "h";
    }
    return age.toMinutes() > 0 ? age.toMinutes() + "m" : age.toSeconds() + "s";
  }
}
