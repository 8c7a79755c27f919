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
    Duration connect = config.controllerConnectTimeout();
    Duration read = config.controllerReadTimeout();
    // The whole call may take a connect and a read, and then some; never less than the default.
    Duration call = connect.plus(read).multipliedBy(2);
    if (call.compareTo(ControllerSettings.DEFAULT_CALL_TIMEOUT) < 0) {
      call = ControllerSettings.DEFAULT_CALL_TIMEOUT;
    }
    return new ControllerSettings(
        Objects.requireNonNull(config.controllerUrl(), "CONTROLLER_URL").toString(),
        Objects.requireNonNull(config.controllerApiKey(), "CONTROLLER_API_KEY"),
        config.agentModel(),
        connect,
        read,
        call);
  }
}
