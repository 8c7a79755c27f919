package io.webhookagents.adapters.http;

import static java.util.Map.entry;

import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Every path the server answers, and the handler behind it. The OpenAPI document, {@code
 * openapi.json}, describes each of them; a test keeps the two in step.
 */
final class Routes {
  static final String OPENAPI_RESOURCE = "openapi.json";

  private Routes() {}

  /** The use cases the routes drive, the clock that dates deliveries, and the metrics. */
  record UseCases(
      ReceiveWebhook receiver,
      QueryAgents queries,
      QueryDeliveries deliveries,
      ChangeAgents changes,
      CheckReadiness readiness,
      Clock clock,
      ScrapeMetrics metrics) {}

  static Router router(
      HttpSettings settings,
      WebhookGate gate,
      UseCases uses,
      Duration bodyDeadline,
      BodyMemory bodyMemory) {
    Function<WebhookSource, WebhookHandler> intake =
        source -> new WebhookHandler(source, uses.receiver(), gate, settings.maxBodyBytes());
    WebhookHandler github = intake.apply(new GitHubSource(settings.githubSecret()));
    WebhookHandler linear = intake.apply(new LinearSource(settings, uses.clock()));
    WebhookHandler slack = intake.apply(new SlackSource(settings, uses.clock()));
    // The page and the document hold no data, so they need no token; what they show does.
    StaticHandler dashboard = Dashboard.handler();
    StaticHandler openApi =
        new StaticHandler(Responses.JSON, StaticHandler.resource(OPENAPI_RESOURCE), Map.of());

    Map<String, Route> byPath =
        Map.ofEntries(
            entry("/webhook", Route.post(github, false)),
            entry("/webhooks/github", Route.post(github, false)),
            entry("/webhooks/linear", Route.post(linear, false)),
            entry("/webhooks/slack", Route.post(slack, false)),
            entry("/health", Route.get(new HealthHandler(), false)),
            entry("/ready", Route.get(new ReadyHandler(uses.readiness()), false)),
            entry("/agents", Route.get(new ListAgentsHandler(uses.queries()), true)),
            entry("/deliveries", Route.get(new ListDeliveriesHandler(uses.deliveries()), true)),
            entry("/metrics", Route.get(new MetricsHandler(uses.metrics()), true)),
            entry("/openapi.json", Route.get(openApi, false)),
            entry("/", Route.get(dashboard, false)),
            entry("/dashboard", Route.get(dashboard, false)));
    Map<String, Route> perAgent =
        Map.of(
            "", Route.get(new ShowAgentHandler(uses.queries()), true),
            "status", Route.post(new ReportOutcomeHandler(uses.changes()), true),
            "cancel", Route.post(new CancelAgentHandler(uses.changes()), true));
    return new Router(
        byPath, perAgent, new ApiAccess(settings.apiToken()), bodyDeadline, bodyMemory);
  }
}
