package io.webhookagents.adapters.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.Clock;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;

class ControllerModuleTest {

  @Singleton
  @Component(modules = ControllerModule.class)
  interface TestComponent {
    HttpAgentController httpAgentController();

    @Component.Factory
    interface Factory {
      TestComponent create(@BindsInstance ControllerSettings settings, @BindsInstance Clock clock);
    }
  }

  @Test
  void module_providesOneSharedController() {
    ControllerSettings settings = ControllerSettings.of("http://127.0.0.1:9/", "key", "m");
    TestComponent component =
        DaggerControllerModuleTest_TestComponent.factory().create(settings, TestController.CLOCK);

    AgentController controller = component.httpAgentController();

    assertThat(controller).isSameAs(component.httpAgentController());
    component.httpAgentController().close();
  }
}
