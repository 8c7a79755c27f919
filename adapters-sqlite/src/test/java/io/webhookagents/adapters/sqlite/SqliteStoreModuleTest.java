package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.pending;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.AgentStore;
import java.nio.file.Path;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreModuleTest {
  @TempDir Path directory;

  /** A component wired the way the application is meant to wire this module. */
  @Singleton
  @Component(modules = SqliteStoreModule.class)
  interface StoreComponent {
    AgentStore agentStore();

    SqliteDatabase database();

    @Component.Factory
    interface Factory {
      StoreComponent create(@BindsInstance SqliteSettings settings);
    }
  }

  @Test
  void component_opensOneDatabase_andEveryStoreWritesToIt() {
    StoreComponent component =
        DaggerSqliteStoreModuleTest_StoreComponent.factory()
            .create(SqliteSettings.at(directory.resolve("agents.db")));

    try (SqliteDatabase database = component.database()) {
      Agent agent = record(component.agentStore(), pending(1));

      assertThat(component.database()).isSameAs(database);
      assertThat(component.agentStore().find(agent.id())).contains(agent);
    }
  }
}
