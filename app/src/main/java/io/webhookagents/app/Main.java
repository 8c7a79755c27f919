package io.webhookagents.app;

import io.webhookagents.app.config.AppConfig;
import io.webhookagents.app.config.ConfigException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service from the environment and runs it until SIGTERM or SIGINT. */
public final class Main {
  /** The exit status for settings that are missing or invalid. */
  static final int EXIT_CONFIG = 2;

  private static final int EXIT_START_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("orchestrator: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }

    Logger log = LoggerFactory.getLogger(Main.class);
    Orchestrator orchestrator;
    try {
      orchestrator = Orchestrator.start(config);
    } catch (RuntimeException e) {
      log.error("Could not start: {}", e.getMessage(), e);
      System.exit(EXIT_START_FAILED);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  orchestrator.close();
                  stopped.countDown();
                },
                "shutdown"));
    awaitQuietly(stopped);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
