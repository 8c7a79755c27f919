package io.webhookagents.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.webhookagents.application.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppConfigTest {
  private static final Map<String, String> MINIMAL =
      Map.of(
          "GITHUB_WEBHOOK_SECRET", "gh-secret-value",
          "CONTROLLER_URL", "http://127.0.0.1:9100",
          "CONTROLLER_API_KEY", "key-value");

  @Test
  void defaults_matchTheDocumentedOnes() {
    AppConfig config = AppConfig.fromEnvironment(MINIMAL);

    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.dbPath()).isEqualTo(Path.of("./data/agents.db"));
    assertThat(config.agentModel()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(config.maxConcurrentAgents()).isZero();
    assertThat(config.dispatchConcurrency()).isEqualTo(16);
    assertThat(config.dispatchMaxAttempts()).isEqualTo(100);
    assertThat(config.agentMaxRuntime()).isEqualTo(Duration.ofHours(2));
    assertThat(config.maxBodyBytes()).isEqualTo(25L * 1024 * 1024);
    assertThat(config.maxAgentsPerSubjectPerHour()).isEqualTo(5);
    assertThat(config.triggerPolicy().events())
        .containsExactlyInAnyOrder(
            "issues.opened", "issue_comment.created", "pull_request_review_comment.created");
  }

  @Test
  void defaultRetries_lastUntilTheDeadline_forAnAgentWhoseControllerIsDown() {
    AppConfig config = AppConfig.fromEnvironment(MINIMAL);
    // Waits at a third of their ceiling, below the half they average: still the deadline ends the
    // retries, not the count of attempts. (The sum of some 90 random waits stays near its mean;
    // at a third it is six standard deviations below it.)
    RetryPolicy retries = config.dispatchRetries(() -> 1.0 / 3);

    Duration age = Duration.ZERO;
    int attempts = 1;
    for (Optional<Duration> wait = retries.delayAfter(attempts, age, null);
        wait.isPresent();
        wait = retries.delayAfter(attempts, age, null)) {
      age = age.plus(wait.get());
      attempts++;
    }

    assertThat(attempts).isLessThan(config.dispatchMaxAttempts());
    assertThat(age).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
  }

  @Test
  void everyProblem_isListedInOneMessage() {
    Map<String, String> env =
        Map.of(
            "BIND_ADDRESS", "not an address",
            "PORT", "eighty",
            "DISPATCH_CONCURRENCY", "0",
            "AGENT_MAX_RUNTIME", "2 hours",
            "CONTROLLER_URL", "ftp://controller",
            "TRIGGER_EVENTS", "issues.opened,push");

    assertThat(problemsOf(env))
        .containsExactly(
            "BIND_ADDRESS must be an IP address or a host name, was 'not an address'",
            "PORT must be a whole number from 0 to 65535, was 'eighty'",
            "CONTROLLER_URL must be an http:// or https:// URL with a host",
            "DISPATCH_CONCURRENCY must be a whole number from 1 to 1024, was '0'",
            "AGENT_MAX_RUNTIME must be a duration with a unit such as 90s, 15m or"
                + " 2h, was '2 hours'",
            "TRIGGER_EVENTS: no prompt exists for push; supported: issue_comment.created,"
                + " issues.labeled, issues.opened, issues.reopened,"
                + " pull_request_review_comment.created",
            "no webhook source is enabled: set at least one of GITHUB_WEBHOOK_SECRET,"
                + " LINEAR_WEBHOOK_SECRET or SLACK_SIGNING_SECRET");
  }

  @Test
  void numbersTooLongOrTooLarge_areProblemsListedWithTheRest_notACrash() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("PORT", "abc");
    env.put("AGENT_MAX_RUNTIME", "99999999999999999999s");
    env.put("DISPATCH_RETRY_DEADLINE", "9999999999999999d");
    env.put("TASK_POLL_INTERVAL", "366d");
    env.put("MAX_BODY_SIZE", "99999999999999999999");

    assertThat(problemsOf(env))
        .containsExactlyInAnyOrder(
            "PORT must be a whole number from 0 to 65535, was 'abc'",
            "AGENT_MAX_RUNTIME must be a duration with a unit such as 90s, 15m or 2h, was"
                + " '99999999999999999999s'",
            "DISPATCH_RETRY_DEADLINE must be at most 365d, was '9999999999999999d'",
            "TASK_POLL_INTERVAL must be at most 365d, was '366d'",
            "MAX_BODY_SIZE must be a size such as 25MiB or 1048576, was"
                + " '99999999999999999999'");
  }

  @Test
  void settingsTheServiceCouldNotUse_areProblemsListedWithTheRest() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("MAX_BODY_SIZE", "100GiB");
    env.put("LINEAR_REPOS", "eng=octo-org/api,ENG=octo-org/web");
    env.put("PORT", "+80");
    env.put("CONTROLLER_CONNECT_TIMEOUT", "0s");

    assertThat(problemsOf(env))
        .containsExactlyInAnyOrder(
            "PORT must be a whole number from 0 to 65535, was '+80'",
            "CONTROLLER_CONNECT_TIMEOUT must be longer than 0, was '0s'",
            "LINEAR_REPOS names ENG twice (keys are matched in any case)",
            "MAX_BODY_SIZE must be at most 1GiB, as bodies are held in memory until checked");
  }

  @Test
  void deliveriesAreKept30Days_andAtLeastAWeek() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    Duration byDefault = AppConfig.fromEnvironment(env).deliveryRetention();
    env.put("DELIVERY_RETENTION", "6d");

    assertThat(byDefault).isEqualTo(Duration.ofDays(30));
    assertThat(problemsOf(env))
        .containsExactly(
            "DELIVERY_RETENTION must be at least 7d, so that redeliveries are still recognised");
  }

  @Test
  void agentLogsAreKeptUnder64MiB_andAtLeast1MiB() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    long byDefault = AppConfig.fromEnvironment(env).agentLogMaxBytes();
    env.put("AGENT_LOG_MAX_SIZE", "200MiB");
    long set = AppConfig.fromEnvironment(env).agentLogMaxBytes();
    env.put("AGENT_LOG_MAX_SIZE", "512KiB");

    assertThat(byDefault).isEqualTo(64L * 1024 * 1024);
    assertThat(set).isEqualTo(200L * 1024 * 1024);
    assertThat(problemsOf(env))
        .containsExactly(
            "AGENT_LOG_MAX_SIZE must be at least 1MiB, room for a log's start, its end and the"
                + " line that says what was dropped between them");
  }

  @Test
  void controllerWithoutKey_isRefusedWithoutPrintingSecrets() {
    Map<String, String> env =
        Map.of(
            "GITHUB_WEBHOOK_SECRET", "gh-secret-value",
            "CONTROLLER_URL", "http://127.0.0.1:9100");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .hasMessageContaining("CONTROLLER_API_KEY is required when CONTROLLER_URL is set")
        .hasMessageNotContaining("gh-secret-value");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://user:pw-value@127.0.0.1:9100 | must not carry a user name or password",
        "ftp://user:pw-value@controller | must not carry a user name or password",
        "http://127.0.0.1:9100/api?pw-value=1 | must not carry a query or a fragment",
        "http://127.0.0.1:9100/api#pw-value | must not carry a query or a fragment",
        "http://ctl_host:9100/api?token=pw-value | must be an http:// or https:// URL with a host",
        "ctl.example:9100/api?token=pw-value | must be an http:// or https:// URL with a host",
        "sk-live-pw-value | must be an http:// or https:// URL with a host",
        "http://127.0.0.1:99999/pw-value | must have a port from 1 to 65535",
      })
  void controllerUrlsTheClientWouldRefuse_areConfigurationProblems_withoutTheirSecrets(
      String url, String problem) {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("CONTROLLER_URL", url);

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONTROLLER_URL " + problem)
        .hasMessageNotContaining("pw-value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-key\nvalue", "sk key-value", "sk-ключ-value"})
  void apiKeysNoHeaderCanCarry_areConfigurationProblems_withoutTheKey(String key) {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("CONTROLLER_API_KEY", key);

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "CONTROLLER_API_KEY must be visible ASCII without spaces or line breaks")
        .hasMessageNotContaining("value");
  }

  @Test
  void toString_redactsEverySecret() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("ORCHESTRATOR_API_TOKEN", "api-token-value");

    String text = AppConfig.fromEnvironment(env).toString();

    assertThat(text)
        .doesNotContain("gh-secret-value")
        .doesNotContain("key-value")
        .doesNotContain("api-token-value")
        .contains("github=set");
  }

  @Test
  void repositoriesThatAreNotOwnerName_areRefusedAtStartUp() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("LINEAR_REPOS", "ENG=octo-org/api,WEB=octo-org/..");
    env.put("SLACK_DEFAULT_REPO", "not a repo");

    assertThat(problemsOf(env))
        .containsExactly(
            "LINEAR_REPOS must map team keys to owner/name, had 'WEB=octo-org/..'",
            "SLACK_DEFAULT_REPO must be owner/name, was 'not a repo'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "127.0.0.1",
        "10.1.2.3",
        "::",
        "::1",
        "fe80::1",
        "localhost",
        "orchestrator-0.orchestrator.default.svc",
        "my-host"
      })
  void bindAddresses_thatAreAddressesOrHostNames_areTakenAsWritten(String address) {
    AppConfig config =
        AppConfig.fromEnvironment(Map.of("GITHUB_WEBHOOK_SECRET", "s", "BIND_ADDRESS", address));

    assertThat(config.bindAddress()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-an-address!",
        "300.1.1.1",
        "1.2.3",
        "a..b",
        "-host",
        "::g",
        "host_name",
        "héte"
      })
  void bindAddresses_thatAreNeither_areConfigurationProblems(String address) {
    Map<String, String> env = Map.of("GITHUB_WEBHOOK_SECRET", "s", "BIND_ADDRESS", address);

    assertThat(problemsOf(env))
        .containsExactly(
            "BIND_ADDRESS must be an IP address or a host name, was '" + address + "'");
  }

  @Test
  void durationsAndSizes_takeTheirUnits() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("AGENT_MAX_RUNTIME", "90s");
    env.put("DISPATCH_RETRY_DEADLINE", "15m");
    env.put("MAX_BODY_SIZE", "1MiB");

    AppConfig config = AppConfig.fromEnvironment(env);

    assertThat(config.agentMaxRuntime()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.dispatchRetryDeadline()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
  }

  /** The problems reading {@code env} is refused for. */
  private static List<String> problemsOf(Map<String, String> env) {
    Throwable thrown = catchThrowable(() -> AppConfig.fromEnvironment(env));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    return ((ConfigException) thrown).problems();
  }
}
