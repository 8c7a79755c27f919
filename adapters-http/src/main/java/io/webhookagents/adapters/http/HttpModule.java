package io.webhookagents.adapters.http;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.Clock;
import javax.inject.Singleton;

/**
 * Provides the {@link HttpServer}. The component must bind {@link HttpSettings}, the five use cases
 * it drives ({@link ReceiveWebhook}, {@link QueryAgents}, {@link QueryDeliveries}, {@link
 * ChangeAgents} and {@link CheckReadiness}), the {@link Clock} that Linear and Slack delivery times
 * are checked against, and the {@link ScrapeMetrics} that {@code GET /metrics} serves. The server
 * is not started here; the application starts and stops it.
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
      QueryDeliveries deliveries,
      ChangeAgents changes,
      CheckReadiness readiness,
      Clock clock,
      ScrapeMetrics metrics) {
    return new HttpServer(
        settings, receiver, queries, deliveries, changes, readiness, clock, metrics);
  }
}
