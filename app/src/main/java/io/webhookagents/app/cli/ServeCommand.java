package io.webhookagents.app.cli;

import ch.qos.logback.classic.LoggerContext;
import io.webhookagents.app.Orchestrator;
import io.webhookagents.app.config.AppConfig;
import io.webhookagents.app.config.ConfigException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the service from the environment until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the service (the default). Settings come from the environment.")
final class ServeCommand implements Callable<Integer> {
  /** The exit status for settings that are missing or invalid. */
  static final int EXIT_CONFIG = 2;

  private static final int EXIT_START_FAILED = 1;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--exit-when-ready",
      description =
          "Start, and once ready stop as SIGTERM would and exit 0. For a training run that"
              + " records the classes start-up loads into a class-data archive"
              + " (-XX:ArchiveClassesAtExit), as deploy/Dockerfile does.")
  boolean exitWhenReady;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(env);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("orchestrator: " + e.getMessage());
      return EXIT_CONFIG;
    }

    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    Orchestrator orchestrator;
    try {
      orchestrator = Orchestrator.start(config);
    } catch (RuntimeException e) {
      log.error("Could not start: {}", e.getMessage(), e);
      return EXIT_START_FAILED;
    }

    if (exitWhenReady) {
      log.info("Ready; stopping, as --exit-when-ready asks");
      stop(orchestrator);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(orchestrator), "shutdown"));
    try {
      new CountDownLatch(1).await(); // until the shutdown hook ends the process
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Stops in order, then ends the process with status 0: a stop asked for by SIGTERM or SIGINT that
   * completes is a clean exit, not the 143 the JVM would otherwise report.
   */
  private static void stop(Orchestrator orchestrator) {
    orchestrator.close();
    flushLogs();
    Runtime.getRuntime().halt(0);
  }

  /** Log lines wait in an asynchronous appender; halting skips logback's own shutdown. */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
