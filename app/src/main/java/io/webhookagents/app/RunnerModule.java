package io.webhookagents.app;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.adapters.controller.HttpAgentController;
import io.webhookagents.adapters.local.LocalRunner;
import io.webhookagents.adapters.local.LocalRunnerSettings;
import io.webhookagents.app.config.AppConfig;
import io.webhookagents.app.metrics.MeteredController;
import io.webhookagents.app.metrics.PrometheusMetrics;
import io.webhookagents.ports.out.AgentController;
import java.nio.file.Path;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where agents run: the controller API when {@code CONTROLLER_URL} is set, else the local
 * runner. Only the chosen one is ever built.
 */
@Module
final class RunnerModule {
  private static final Logger log = LoggerFactory.getLogger(RunnerModule.class);

  private RunnerModule() {}

  @Provides
  @Singleton
  static AgentController controller(
      AppConfig config,
      Provider<HttpAgentController> api,
      Provider<LocalRunner> local,
      PrometheusMetrics metrics) {
    AgentController chosen = config.controllerUrl() != null ? api.get() : local.get();
    if (chosen instanceof LocalRunner
        && config.agentCommand() != null
        && config.apiToken() == null) {
      log.warn(
          "agents run AGENT_COMMAND on this host as this service's user, and with no"
              + " ORCHESTRATOR_API_TOKEN the API trusts every client on loopback: an agent can"
              + " read every prompt and cancel other agents. Set ORCHESTRATOR_API_TOKEN, or run"
              + " agents where they cannot reach this port");
    }
    return new MeteredController(chosen, metrics.registry());
  }

  @Provides
  static LocalRunnerSettings localRunner(AppConfig config) {
    Path dataDir = config.dbPath().toAbsolutePath().getParent();
    return LocalRunnerSettings.of(dataDir, config.agentCommand(), config.agentLogMaxBytes());
  }
}
