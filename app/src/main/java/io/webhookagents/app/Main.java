package io.webhookagents.app;

import io.webhookagents.app.cli.OrchestratorCli;

/** The jar's entry point: {@code serve} by default, or another command of the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status = OrchestratorCli.run(System.getenv(), args);
    // serve returns only when it could not start (a stop ends the process in its shutdown hook);
    // every command ends the JVM here, after the log lines it left waiting are written.
    OrchestratorCli.flushLogs();
    System.exit(status);
  }
}
