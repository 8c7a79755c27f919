package io.webhookagents.app;

import io.webhookagents.app.config.AppConfig;
import io.webhookagents.application.DurationWords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: opens the database, starts dispatch and the HTTP server, and takes them down
 * again in the order that loses nothing.
 */
public final class Orchestrator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);
  // Each stop only signals its processes and returns; this is ample for those queued.
  private static final Duration STOPS_GRACE = Duration.ofSeconds(2);

  private final AppConfig config;
  private final OrchestratorComponent component;
  private boolean stopped;

  private Orchestrator(AppConfig config, OrchestratorComponent component) {
    this.config = config;
    this.component = component;
  }

  /** Builds and starts the service; the database is open and migrated when this returns. */
  public static Orchestrator start(AppConfig config) {
    OrchestratorComponent component = DaggerOrchestratorComponent.factory().create(config);
    Orchestrator orchestrator = new Orchestrator(config, component);

    // Bind first: a second copy started by mistake on a taken port must fail before it touches
    // the leases of the copy that is running.
    component.database();
    component.httpServer().start();
    component.dispatchLoop().start();
    component.trackingLoop().start();
    component.retentionLoop().start();

    log.info(
        "Listening on {}:{}; database {}; agents run {}",
        config.bindAddress(),
        orchestrator.port(),
        component.database().path(),
        config.controllerUrl() != null
            ? "through the controller at " + config.controllerUrl()
            : "on this machine (local runner)");
    log.info(
        "Webhooks taken from {}; the API {}",
        enabledSources(config),
        config.apiToken() != null
            ? "asks for ORCHESTRATOR_API_TOKEN"
            : "answers loopback clients only (no ORCHESTRATOR_API_TOKEN)");
    if (config.linearSecret() != null && config.linearRepos().isEmpty()) {
      log.warn(
          "LINEAR_WEBHOOK_SECRET is set but LINEAR_REPOS is not, so no Linear team has a"
              + " repository and every Linear event is ignored");
    }
    if (config.controllerUrl() == null && config.controllerApiKey() != null) {
      log.warn("CONTROLLER_API_KEY is set but CONTROLLER_URL is not, so the key is not used");
    }
    return orchestrator;
  }

  private static String enabledSources(AppConfig config) {
    List<String> sources = new ArrayList<>();
    if (config.githubSecret() != null) {
      sources.add("GitHub (/webhook, /webhooks/github)");
    }
    if (config.linearSecret() != null) {
      sources.add("Linear (/webhooks/linear)");
    }
    if (config.slackSecret() != null) {
      sources.add("Slack (/webhooks/slack)");
    }
    return String.join(", ", sources);
  }

  /** The port the HTTP server is bound to. */
  public int port() {
    return component.httpServer().port();
  }

  /**
   * Stops in order: refuse new webhooks, let dispatch calls in flight finish within the configured
   * time, stop serving, close the controller client and the database. A step that fails is logged
   * and the next ones still run: a stop that gave up halfway would leave the port and the database
   * open until the process ends.
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    Duration grace = config.shutdownTimeout();
    log.info(
        "Shutting down: webhooks now answer 503; waiting up to {} for dispatch",
        DurationWords.of(grace));

    step("refuse webhooks", () -> component.httpServer().stopAcceptingWebhooks());
    step("stop dispatch", () -> stopDispatch(grace));
    step("stop tracking tasks", () -> component.trackingLoop().stop());
    step("stop forgetting old deliveries", () -> component.retentionLoop().stop());
    step("stop the HTTP server", () -> component.httpServer().stop());
    step("finish stopping agents", this::finishStops);
    closeQuietly(component.controller());
    step("close the database", () -> component.database().close());
    log.info("Stopped");
  }

  // A cancel or a timeout just before the stop hands its agent's stop to this pool; the stop
  // must have reached the controller before it closes, or a local runner never sees it.
  private void finishStops() {
    ExecutorService stopper = component.stopper();
    stopper.shutdown();
    try {
      if (!stopper.awaitTermination(STOPS_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Shutting down: agent stops still under way after {}", STOPS_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopDispatch(Duration grace) {
    try {
      component.dispatchLoop().stop(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void step(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.error("Shutting down: could not {}; going on with the rest", what, e);
    }
  }

  private static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
