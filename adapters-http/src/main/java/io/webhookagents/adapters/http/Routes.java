package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.out.Clock;
import java.util.Map;
import java.util.function.Function;

/** Every path the server answers, and the handler behind it. */
final class Routes {
  private Routes() {}

  /** The use cases the routes drive, and the clock that dates deliveries. */
  record UseCases(
      ReceiveWebhook receiver,
      QueryAgents queries,
      QueryDeliveries deliveries,
      ChangeAgents changes,
      CheckReadiness readiness,
      Clock clock) {}

  static Router router(HttpSettings settings, WebhookGate gate, UseCases uses) {
    Function<WebhookSource, WebhookHandler> intake =
        source -> new WebhookHandler(source, uses.receiver(), gate, settings.maxBodyBytes());
    WebhookHandler github = intake.apply(new GitHubSource(settings.githubSecret()));
    WebhookHandler linear = intake.apply(new LinearSource(settings, uses.clock()));
    WebhookHandler slack = intake.apply(new SlackSource(settings, uses.clock()));

    Map<String, Route> byPath =
        Map.of(
            "/webhook", Route.post(github, false),
            "/webhooks/github", Route.post(github, false),
            "/webhooks/linear", Route.post(linear, false),
            "/webhooks/slack", Route.post(slack, false),
            "/health", Route.get(new HealthHandler(), false),
            "/ready", Route.get(new ReadyHandler(uses.readiness()), false),
            "/agents", Route.get(new ListAgentsHandler(uses.queries()), true),
            "/deliveries", Route.get(new ListDeliveriesHandler(uses.deliveries()), true));
    Map<String, Route> perAgent =
        Map.of(
            "", Route.get(new ShowAgentHandler(uses.queries()), true),
            "status", Route.post(new ReportOutcomeHandler(uses.changes()), true),
            "cancel", Route.post(new CancelAgentHandler(uses.changes()), true));
    return new Router(byPath, perAgent, new ApiAccess(settings.apiToken()));
  }
}
