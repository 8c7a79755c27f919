package io.webhookagents.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Signs a GitHub payload with the configured secret and posts it to a running instance, so a
 * fixture or a payload copied from GitHub's delivery page can be sent again.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Sign a GitHub webhook payload with GITHUB_WEBHOOK_SECRET and post it.")
final class ReplayCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<payload.json>", description = "the request body")
  Path payload;

  @Option(
      names = "--event",
      required = true,
      description = "the X-GitHub-Event header, e.g. issues or issue_comment")
  String event;

  @Option(
      names = "--url",
      description = "the webhook URL (default: http://127.0.0.1:$PORT/webhook, PORT 8000)")
  @Nullable String url;

  @Option(
      names = "--delivery",
      description = "the X-GitHub-Delivery header (default: a new UUID, so it is not a duplicate)")
  @Nullable String delivery;

  ReplayCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException, InterruptedException, GeneralSecurityException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String secret = env.get("GITHUB_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      err.println("replay: set GITHUB_WEBHOOK_SECRET to the secret the service checks");
      return 2;
    }

    byte[] body;
    try {
      body = Files.readAllBytes(payload);
    } catch (IOException e) {
      err.println("replay: cannot read " + payload + ": " + Unreachable.describe(e));
      return 2;
    }
    String target =
        url != null ? url : "http://127.0.0.1:" + env.getOrDefault("PORT", "8000") + "/webhook";
    String id = delivery != null ? delivery : UUID.randomUUID().toString();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", id)
            .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println("replay: could not reach " + target + ": " + Unreachable.describe(e));
      return 1;
    }
    out.println(response.statusCode() + " " + response.body());
    return response.statusCode() < 400 ? 0 : 1;
  }

  private static String hmac(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
