package io.webhookagents.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.webhookagents.ports.out.AgentController;
import java.nio.file.Path;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerModuleTest {
  @TempDir Path dataDir;

  @Singleton
  @Component(modules = LocalRunnerModule.class)
  interface TestComponent {
    LocalRunner localRunner();

    @Component.Factory
    interface Factory {
      TestComponent create(@BindsInstance LocalRunnerSettings settings);
    }
  }

  @Test
  void module_providesOneSharedRunner() {
    TestComponent component =
        DaggerLocalRunnerModuleTest_TestComponent.factory()
            .create(LocalRunnerSettings.of(dataDir, null));

    AgentController controller = component.localRunner();

    assertThat(controller).isSameAs(component.localRunner());
    component.localRunner().close();
  }
}
