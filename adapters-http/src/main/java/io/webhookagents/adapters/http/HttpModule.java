package io.webhookagents.adapters.http;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.ReceiveWebhook;
import javax.inject.Singleton;

/**
 * Provides the {@link HttpServer}. The component must bind {@link HttpSettings} and the four use
 * cases it drives: {@link ReceiveWebhook}, {@link QueryAgents}, {@link ChangeAgents} and {@link
 * CheckReadiness}. The server is not started here; the application starts and stops it.
 */
@Module
public final class HttpModule {
  private HttpModule() {}

  @Provides
  @Singleton
  public static HttpServer httpServer(
      HttpSettings settings,
      ReceiveWebhook receiver,
      QueryAgents queries,
      ChangeAgents changes,
      CheckReadiness readiness) {
    return new HttpServer(settings, receiver, queries, changes, readiness);
  }
}
