package io.webhookagents.app.config;

import io.webhookagents.adapters.http.HttpSettings;
import io.webhookagents.adapters.local.LocalRunnerSettings;
import io.webhookagents.application.RetryPolicy;
import io.webhookagents.domain.trigger.TriggerPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the service, read once at start-up from the environment.
 *
 * <p>{@link #toString()} redacts the secrets, so the whole record may be logged.
 */
public record AppConfig(
    String bindAddress,
    int port,
    Path dbPath,
    String dbSynchronous,
    @Nullable URI controllerUrl,
    @Nullable String controllerApiKey,
    String agentModel,
    Duration controllerConnectTimeout,
    Duration controllerReadTimeout,
    @Nullable String githubSecret,
    @Nullable String linearSecret,
    @Nullable String slackSecret,
    @Nullable String apiToken,
    long maxBodyBytes,
    int maxConcurrentAgents,
    int dispatchConcurrency,
    int dispatchMaxAttempts,
    Duration dispatchRetryBase,
    Duration dispatchRetryMax,
    Duration dispatchRetryDeadline,
    @Nullable String agentCommand,
    long agentLogMaxBytes,
    Duration agentMaxRuntime,
    Duration taskPollInterval,
    TriggerPolicy triggerPolicy,
    int maxAgentsPerSubjectPerHour,
    Map<String, String> linearRepos,
    @Nullable String slackDefaultRepo,
    Duration shutdownTimeout,
    Duration deliveryRetention) {

  public static final String DEFAULT_MODEL = "claude-sonnet-4-20250514";
  public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

  /**
   * Attempts to start an agent. Enough that with the default waits (about 30 s apart once they
   * reach their one-minute ceiling) the retry deadline, not the count, ends a controller outage's
   * retries: a hundred attempts take some 50 minutes, the deadline 30.
   */
  public static final int DEFAULT_DISPATCH_MAX_ATTEMPTS = 100;

  // GitHub redelivers for up to three days; a week leaves a margin.
  private static final Duration MIN_DELIVERY_RETENTION = Duration.ofDays(7);

  /** The dispatch retries these settings describe, spread apart by {@code random}'s numbers. */
  public RetryPolicy dispatchRetries(DoubleSupplier random) {
    return new RetryPolicy(
        dispatchMaxAttempts, dispatchRetryBase, dispatchRetryMax, dispatchRetryDeadline, random);
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws ConfigException listing every missing or invalid setting
   */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    Env e = new Env(env);

    AppConfig config =
        new AppConfig(
            e.address("BIND_ADDRESS", "0.0.0.0"),
            e.integer("PORT", 8000, 0, 65535),
            Path.of(e.string("DB_PATH", "./data/agents.db")),
            e.oneOf("DB_SYNCHRONOUS", "FULL", "FULL", "NORMAL"),
            e.httpUrl("CONTROLLER_URL"),
            e.string("CONTROLLER_API_KEY"),
            e.string("AGENT_MODEL", DEFAULT_MODEL),
            e.duration("CONTROLLER_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
            e.duration("CONTROLLER_READ_TIMEOUT", Duration.ofSeconds(30)),
            e.string("GITHUB_WEBHOOK_SECRET"),
            e.string("LINEAR_WEBHOOK_SECRET"),
            e.string("SLACK_SIGNING_SECRET"),
            e.string("ORCHESTRATOR_API_TOKEN"),
            e.bytes("MAX_BODY_SIZE", DEFAULT_MAX_BODY_BYTES),
            e.integer("MAX_CONCURRENT_AGENTS", 0, 0, 1_000_000),
            e.integer("DISPATCH_CONCURRENCY", 16, 1, 1024),
            e.integer("DISPATCH_MAX_ATTEMPTS", DEFAULT_DISPATCH_MAX_ATTEMPTS, 1, 1000),
            e.duration("DISPATCH_RETRY_BASE", Duration.ofSeconds(1)),
            e.duration("DISPATCH_RETRY_MAX", Duration.ofMinutes(1)),
            e.duration("DISPATCH_RETRY_DEADLINE", Duration.ofMinutes(30)),
            e.string("AGENT_COMMAND"),
            e.bytes("AGENT_LOG_MAX_SIZE", LocalRunnerSettings.DEFAULT_LOG_MAX_BYTES),
            e.duration("AGENT_MAX_RUNTIME", Duration.ofHours(2)),
            e.duration("TASK_POLL_INTERVAL", Duration.ofSeconds(10)),
            triggerPolicy(e),
            e.integer("MAX_AGENTS_PER_SUBJECT_PER_HOUR", 5, 1, 1_000_000),
            e.map("LINEAR_REPOS"),
            e.string("SLACK_DEFAULT_REPO"),
            e.duration("SHUTDOWN_TIMEOUT", Duration.ofSeconds(20)),
            e.duration("DELIVERY_RETENTION", Duration.ofDays(30)));

    config.checkCombinations(e);
    config.checkRepositories(e);
    if (!e.problems().isEmpty()) {
      throw new ConfigException(e.problems());
    }
    return config;
  }

  private void checkCombinations(Env e) {
    if (githubSecret == null && linearSecret == null && slackSecret == null) {
      e.problem(
          "no webhook source is enabled: set at least one of GITHUB_WEBHOOK_SECRET, "
              + "LINEAR_WEBHOOK_SECRET or SLACK_SIGNING_SECRET");
    }
    if (controllerUrl != null && controllerApiKey == null) {
      e.problem("CONTROLLER_API_KEY is required when CONTROLLER_URL is set");
    }
    if (controllerApiKey != null && !controllerApiKey.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      // Not echoed: it is a secret. It goes into a header, where only visible ASCII is sent as is.
      e.problem("CONTROLLER_API_KEY must be visible ASCII without spaces or line breaks");
    }
    if (maxBodyBytes > HttpSettings.MAX_BODY_BYTES_CEILING) {
      e.problem("MAX_BODY_SIZE must be at most 1GiB, as bodies are held in memory until checked");
    }
    if (agentLogMaxBytes < LocalRunnerSettings.MIN_LOG_MAX_BYTES) {
      e.problem(
          "AGENT_LOG_MAX_SIZE must be at least 1MiB, room for a log's start, its end and the line"
              + " that says what was dropped between them");
    }
    if (deliveryRetention.compareTo(MIN_DELIVERY_RETENTION) < 0) {
      // Forgotten deliveries are no longer recognised as redeliveries.
      e.problem(
          "DELIVERY_RETENTION must be at least "
              + MIN_DELIVERY_RETENTION.toDays()
              + "d, so that redeliveries are still recognised");
    }
  }

  private void checkRepositories(Env e) {
    for (Map.Entry<String, String> team : linearRepos.entrySet()) {
      if (team.getKey().contains(" ") || !isRepo(team.getValue())) {
        e.problem(
            "LINEAR_REPOS must map team keys to owner/name, had '"
                + team.getKey()
                + "="
                + team.getValue()
                + "'");
      }
    }
    if (slackDefaultRepo != null && !isRepo(slackDefaultRepo)) {
      e.problem("SLACK_DEFAULT_REPO must be owner/name, was '" + slackDefaultRepo + "'");
    }
  }

  /** GitHub's rules: owner up to 39 letters, digits and '-'; name up to 100, not . or ... */
  private static boolean isRepo(String value) {
    return value.matches("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")
        && !value.endsWith("/.")
        && !value.endsWith("/..");
  }

  private static TriggerPolicy triggerPolicy(Env e) {
    List<String> events = e.list("TRIGGER_EVENTS");
    Set<String> ignored = new HashSet<>(e.list("IGNORE_USERS"));
    try {
      return new TriggerPolicy(
          events.isEmpty() ? TriggerPolicy.DEFAULT_EVENTS : Set.copyOf(events),
          e.string("TRIGGER_LABEL"),
          e.string("TRIGGER_MENTION"),
          ignored);
    } catch (IllegalArgumentException invalid) {
      e.problem("TRIGGER_EVENTS: " + invalid.getMessage());
      return TriggerPolicy.defaults();
    }
  }

  @Override
  public String toString() {
    return "AppConfig[bind="
        + bindAddress
        + ":"
        + port
        + ", db="
        + dbPath
        + ", controller="
        + (controllerUrl == null ? "none" : controllerUrl)
        + ", controllerApiKey="
        + redacted(controllerApiKey)
        + ", model="
        + agentModel
        + ", github="
        + redacted(githubSecret)
        + ", linear="
        + redacted(linearSecret)
        + ", slack="
        + redacted(slackSecret)
        + ", apiToken="
        + redacted(apiToken)
        + ", maxConcurrentAgents="
        + maxConcurrentAgents
        + ", dispatchConcurrency="
        + dispatchConcurrency
        + ", triggers="
        + triggerPolicy.events()
        + "]";
  }

  private static String redacted(@Nullable String secret) {
    return secret == null ? "unset" : "set";
  }
}
