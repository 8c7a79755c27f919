package io.webhookagents.adapters.local;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/**
 * Provides the {@link LocalRunner}, the {@link AgentController} that runs agents on this machine.
 * Needs {@link LocalRunnerSettings} bound; the component must be {@code @Singleton}, so that every
 * call goes to the one runner that knows the processes it started. The application chooses between
 * this runner and the controller API, so the port itself is bound there.
 */
@Module
public final class LocalRunnerModule {
  private LocalRunnerModule() {}

  @Provides
  @Singleton
  static LocalRunner localRunner(LocalRunnerSettings settings) {
    return new LocalRunner(settings);
  }
}
