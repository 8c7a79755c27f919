package io.webhookagents.app.cli;

import ch.qos.logback.classic.LoggerContext;
import io.webhookagents.app.Orchestrator;
import io.webhookagents.app.Preloader;
import io.webhookagents.app.config.AppConfig;
import io.webhookagents.app.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serving, with or without the command line around it: {@code serve} runs it, and so does a start
 * with no arguments at all, without building the command line first (see {@link OrchestratorCli}).
 */
final class Serve {
  /** The exit status for settings that are missing or invalid. */
  static final int EXIT_CONFIG = 2;

  private static final int EXIT_START_FAILED = 1;

  private Serve() {}

  /**
   * Runs the service from {@code env} until SIGTERM or SIGINT, or only until it is ready when
   * {@code exitWhenReady}; configuration problems go to {@code err}. Returns the exit status when
   * it could not start; otherwise the process ends from the shutdown hook.
   */
  static int run(Map<String, String> env, boolean exitWhenReady, PrintWriter err) {
    // Logging is set up first, on this thread: a library logging from the preloader while it was
    // being set up would have its lines held back and replayed, with a warning on stderr.
    Logger log = LoggerFactory.getLogger(Serve.class);
    Preloader.start();
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(env);
    } catch (ConfigException e) {
      err.println("orchestrator: " + e.getMessage());
      err.flush();
      return EXIT_CONFIG;
    }

    Orchestrator orchestrator;
    try {
      orchestrator = Orchestrator.start(config);
    } catch (RuntimeException e) {
      log.error("Could not start: {}", e.getMessage(), e);
      // Whoever started the service by hand looks at stderr first.
      err.println(
          "orchestrator: could not start: " + e.getMessage() + " (the log has the details)");
      err.flush();
      return EXIT_START_FAILED;
    }

    // Before the probe below, so that a SIGTERM while it waits still stops in order.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(orchestrator, 0), "shutdown"));
    if (exitWhenReady) {
      boolean ready = answersReady(config, orchestrator, log);
      log.info("Stopping, as --exit-when-ready asks");
      stop(orchestrator, ready ? 0 : EXIT_START_FAILED);
    }
    try {
      new CountDownLatch(1).await(); // until the shutdown hook ends the process
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Whether the started service answers its own {@code /ready} with 200; says so either way. */
  private static boolean answersReady(AppConfig config, Orchestrator orchestrator, Logger log) {
    String asked = "/ready on " + config.bindAddress() + ":" + orchestrator.port();
    try {
      ReadyProbe probe = ReadyProbe.of(config.bindAddress(), orchestrator.port());
      asked = probe.toString();
      int status = probe.status();
      if (status == 200) {
        log.info("Ready: {} answered 200", asked);
        return true;
      }
      log.error("Not ready: {} answered {}", asked, status);
    } catch (IOException e) {
      log.error("Not ready: could not ask {}: {}", asked, Unreachable.describe(e));
    }
    return false;
  }

  /**
   * Stops in order, then ends the process with {@code status}: a stop asked for by SIGTERM or
   * SIGINT that completes is a clean exit, 0, not the 143 the JVM would otherwise report.
   */
  private static void stop(Orchestrator orchestrator, int status) {
    try {
      orchestrator.close();
    } finally {
      flushLogs();
      Runtime.getRuntime().halt(status);
    }
  }

  /**
   * Writes out the log lines waiting in the asynchronous appender, which neither halting nor
   * exiting would; logging stops.
   */
  static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
