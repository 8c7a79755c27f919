package io.webhookagents.adapters.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How the HTTP server listens, whom it trusts and where Linear and Slack requests go. Blank secrets
 * count as unset; each unset source secret leaves that source's path answering 404.
 *
 * @param bindAddress the interface to listen on, e.g. {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one, which {@link HttpServer#port()} then reports
 * @param maxBodyBytes the largest webhook body accepted, at most 1 GiB; larger ones get 413
 * @param githubSecret the GitHub webhook secret ({@code GITHUB_WEBHOOK_SECRET})
 * @param linearSecret the Linear webhook signing secret ({@code LINEAR_WEBHOOK_SECRET})
 * @param slackSecret the Slack app's signing secret ({@code SLACK_SIGNING_SECRET})
 * @param apiToken the bearer token for the read API; null limits that API to loopback clients
 * @param linearRepos Linear team key to {@code owner/name} ({@code LINEAR_REPOS}); keys are matched
 *     without regard to case. A Linear issue of a team not in it starts no agent.
 * @param slackDefaultRepo the repository for Slack requests that name none with {@code
 *     repo:owner/name} ({@code SLACK_DEFAULT_REPO}); null: such requests start no agent
 */
public record HttpSettings(
    String bindAddress,
    int port,
    long maxBodyBytes,
    @Nullable String githubSecret,
    @Nullable String linearSecret,
    @Nullable String slackSecret,
    @Nullable String apiToken,
    Map<String, String> linearRepos,
    @Nullable String slackDefaultRepo) {

  /** The body limit when the operator sets none: 25 MiB, what GitHub itself may send. */
  public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

  /** The largest body limit there may be: bodies are held in memory until they are checked. */
  public static final long MAX_BODY_BYTES_CEILING = 1024L * 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be between 1 and " + MAX_BODY_BYTES_CEILING + ", was " + maxBodyBytes);
    }
    githubSecret = blankToNull(githubSecret);
    linearSecret = blankToNull(linearSecret);
    slackSecret = blankToNull(slackSecret);
    apiToken = blankToNull(apiToken);
    linearRepos = teamKeys(Objects.requireNonNull(linearRepos, "linearRepos"));
    slackDefaultRepo = repoOrNull("slackDefaultRepo", slackDefaultRepo);
  }

  /** GitHub intake only: Linear and Slack unset. */
  public HttpSettings(
      String bindAddress,
      int port,
      long maxBodyBytes,
      @Nullable String githubSecret,
      @Nullable String apiToken) {
    this(bindAddress, port, maxBodyBytes, githubSecret, null, null, apiToken, Map.of(), null);
  }

  /** These settings with Linear intake set up as given. */
  public HttpSettings withLinear(@Nullable String secret, Map<String, String> repos) {
    return new HttpSettings(
        bindAddress,
        port,
        maxBodyBytes,
        githubSecret,
        secret,
        slackSecret,
        apiToken,
        repos,
        slackDefaultRepo);
  }

  /** These settings with Slack intake set up as given. */
  public HttpSettings withSlack(@Nullable String secret, @Nullable String defaultRepo) {
    return new HttpSettings(
        bindAddress,
        port,
        maxBodyBytes,
        githubSecret,
        linearSecret,
        secret,
        apiToken,
        linearRepos,
        defaultRepo);
  }

  /** The repository for a Linear team key, whatever its case; null when none is set. */
  public @Nullable String repoForLinearTeam(String teamKey) {
    return linearRepos.get(teamKey.toUpperCase(Locale.ROOT));
  }

  /** Says whether each secret is set, never what it is. */
  @Override
  public String toString() {
    return "HttpSettings[bindAddress="
        + bindAddress
        + ", port="
        + port
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", githubSecret="
        + redacted(githubSecret)
        + ", linearSecret="
        + redacted(linearSecret)
        + ", slackSecret="
        + redacted(slackSecret)
        + ", apiToken="
        + redacted(apiToken)
        + ", linearRepos="
        + new TreeMap<>(linearRepos)
        + ", slackDefaultRepo="
        + (slackDefaultRepo == null ? "unset" : slackDefaultRepo)
        + "]";
  }

  private static Map<String, String> teamKeys(Map<String, String> repos) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : repos.entrySet()) {
      String key = entry.getKey().strip();
      if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "linearRepos has a team key that is blank or holds spaces: '" + key + "'");
      }
      String repo = repoOrNull("linearRepos[" + key + "]", entry.getValue());
      if (repo == null) {
        throw new IllegalArgumentException("linearRepos[" + key + "] names no repository");
      }
      if (byKey.put(key.toUpperCase(Locale.ROOT), repo) != null) {
        throw new IllegalArgumentException("linearRepos names team " + key + " twice");
      }
    }
    return Map.copyOf(byKey);
  }

  private static @Nullable String repoOrNull(String name, @Nullable String repo) {
    String value = blankToNull(repo);
    if (value == null) {
      return null;
    }
    value = value.strip();
    if (!RepoNames.isRepo(value)) {
      throw new IllegalArgumentException(name + " must be owner/name, was '" + value + "'");
    }
    return value;
  }

  private static String redacted(@Nullable String secret) {
    return secret == null ? "unset" : "(set)";
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
