package io.webhookagents.app;

import dagger.BindsInstance;
import dagger.Component;
import io.webhookagents.adapters.controller.ControllerModule;
import io.webhookagents.adapters.http.HttpModule;
import io.webhookagents.adapters.http.HttpServer;
import io.webhookagents.adapters.local.LocalRunnerModule;
import io.webhookagents.adapters.sqlite.SqliteDatabase;
import io.webhookagents.adapters.sqlite.SqliteStoreModule;
import io.webhookagents.app.config.AppConfig;
import io.webhookagents.ports.out.AgentController;
import java.util.concurrent.ExecutorService;
import javax.inject.Named;
import javax.inject.Singleton;

/** The whole service, built at compile time from the adapters' modules and the app's own. */
@Singleton
@Component(
    modules = {
      AppModule.class,
      SettingsModule.class,
      SqliteStoreModule.class,
      RunnerModule.class,
      ControllerModule.class,
      LocalRunnerModule.class,
      HttpModule.class
    })
interface OrchestratorComponent {
  HttpServer httpServer();

  DispatchLoop dispatchLoop();

  TrackingLoop trackingLoop();

  RetentionLoop retentionLoop();

  SqliteDatabase database();

  AgentController controller();

  /** Where cancelled and timed-out agents are stopped; drained before the controller closes. */
  @Named("stopper")
  ExecutorService stopper();

  @Component.Factory
  interface Factory {
    OrchestratorComponent create(@BindsInstance AppConfig config);
  }
}
