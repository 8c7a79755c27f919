package io.webhookagents.adapters.controller;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.ports.out.Clock;
import javax.inject.Singleton;

/**
 * Provides the {@link HttpAgentController}, the {@link io.webhookagents.ports.out.AgentController}
 * that talks to the controller API. Needs {@link ControllerSettings} and the application's {@link
 * Clock} bound; the component must be {@code @Singleton} so that all calls share one client and its
 * connection pool. The application chooses between this and the local runner, so the port itself is
 * bound there.
 */
@Module
public final class ControllerModule {
  private ControllerModule() {}

  @Provides
  @Singleton
  static HttpAgentController httpAgentController(ControllerSettings settings, Clock clock) {
    return HttpAgentController.create(settings, clock);
  }
}
