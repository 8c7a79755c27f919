package io.webhookagents.app;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.adapters.controller.ControllerSettings;
import io.webhookagents.adapters.http.HttpSettings;
import io.webhookagents.adapters.sqlite.SqliteSettings;
import io.webhookagents.app.config.AppConfig;
import java.time.Duration;
import java.util.Objects;

/** Hands each adapter its part of the configuration. */
@Module
final class SettingsModule {
  private SettingsModule() {}

  @Provides
  static SqliteSettings sqlite(AppConfig config) {
    return SqliteSettings.at(config.dbPath())
        .withSynchronous(SqliteSettings.Synchronous.parse(config.dbSynchronous()));
  }

  @Provides
  static HttpSettings http(AppConfig config) {
    return new HttpSettings(
        config.bindAddress(),
        config.port(),
        config.maxBodyBytes(),
        config.githubSecret(),
        config.linearSecret(),
        config.slackSecret(),
        config.apiToken(),
        config.linearRepos(),
        config.slackDefaultRepo());
  }

  @Provides
  static ControllerSettings controller(AppConfig config) {
    return new ControllerSettings(
        Objects.requireNonNull(config.controllerUrl(), "CONTROLLER_URL").toString(),
        Objects.requireNonNull(config.controllerApiKey(), "CONTROLLER_API_KEY"),
        config.agentModel(),
        config.controllerConnectTimeout(),
        config.controllerReadTimeout(),
        callTimeout(config));
  }

  /** The longest one controller call may take: a connect and a read, twice, and at least 60 s. */
  static Duration callTimeout(AppConfig config) {
    Duration call = config.controllerConnectTimeout().plus(config.controllerReadTimeout());
    return max(call.multipliedBy(2), ControllerSettings.DEFAULT_CALL_TIMEOUT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
