package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.Clock;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;

class HttpModuleTest {

  @Singleton
  @Component(modules = HttpModule.class)
  interface TestComponent {
    HttpServer server();

    @Component.Factory
    interface Factory {
      TestComponent create(
          @BindsInstance HttpSettings settings,
          @BindsInstance ReceiveWebhook receiver,
          @BindsInstance QueryAgents queries,
          @BindsInstance QueryDeliveries deliveries,
          @BindsInstance ChangeAgents changes,
          @BindsInstance CheckReadiness readiness,
          @BindsInstance Clock clock,
          @BindsInstance ScrapeMetrics metrics);
    }
  }

  @Test
  void module_providesOneServer_fromTheSettingsAndTheUseCases() {
    TestComponent component =
        DaggerHttpModuleTest_TestComponent.factory()
            .create(
                TestServer.settings(TestServer.SECRET, null, 1024),
                new FakeReceiveWebhook(),
                new FakeQueryAgents(),
                new FakeQueryDeliveries(),
                new FakeChangeAgents(),
                new FakeReadiness(),
                new TestClock(TestServer.NOW),
                new FakeScrapeMetrics());

    HttpServer server = component.server();
    server.start();
    try {
      assertThat(component.server()).isSameAs(server);
      assertThat(server.port()).isPositive();
    } finally {
      server.stop();
    }
  }
}
