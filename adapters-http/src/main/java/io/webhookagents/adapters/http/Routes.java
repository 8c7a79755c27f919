package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.ReceiveWebhook;
import java.util.Map;

/** Every path the server answers, and the handler behind it. */
final class Routes {
  private Routes() {}

  static Router router(
      HttpSettings settings,
      WebhookGate gate,
      ReceiveWebhook receiver,
      QueryAgents queries,
      ChangeAgents changes,
      CheckReadiness readiness) {
    WebhookHandler github =
        new WebhookHandler(
            new GitHubSource(settings.githubSecret()), receiver, gate, settings.maxBodyBytes());

    Map<String, Route> byPath =
        Map.of(
            "/webhook", Route.post(github, false),
            "/webhooks/github", Route.post(github, false),
            "/health", Route.get(new HealthHandler(), false),
            "/ready", Route.get(new ReadyHandler(readiness), false),
            "/agents", Route.get(new ListAgentsHandler(queries), true));
    Map<String, Route> perAgent =
        Map.of(
            "", Route.get(new ShowAgentHandler(queries), true),
            "status", Route.post(new ReportOutcomeHandler(changes), true),
            "cancel", Route.post(new CancelAgentHandler(changes), true));
    return new Router(byPath, perAgent, new ApiAccess(settings.apiToken()));
  }
}
