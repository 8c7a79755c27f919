package io.webhookagents.adapters.controller;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.Clock;
import javax.inject.Singleton;

/**
 * Binds {@link AgentController} to the controller API. Needs {@link ControllerSettings} and the
 * application's {@link Clock} bound; the component must be {@code @Singleton} so that all calls
 * share one {@link HttpAgentController} and its connection pool. The concrete client is bound too,
 * for task polling.
 */
@Module
public abstract class ControllerModule {
  private ControllerModule() {}

  @Provides
  @Singleton
  static HttpAgentController httpAgentController(ControllerSettings settings, Clock clock) {
    return HttpAgentController.create(settings, clock);
  }

  @Binds
  abstract AgentController agentController(HttpAgentController controller);
}
