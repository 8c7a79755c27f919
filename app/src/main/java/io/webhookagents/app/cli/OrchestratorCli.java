package io.webhookagents.app.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line of the one jar: {@code serve} (the default), {@code replay}, {@code agents}. */
@Command(
    name = "orchestrator",
    mixinStandardHelpOptions = true,
    version = "webhook agent orchestrator 0.1.0",
    description = "Turns webhooks into coding-agent sessions. Without a command it serves.")
public final class OrchestratorCli {
  private OrchestratorCli() {}

  /** A command line that reads settings from {@code env} instead of the process environment. */
  public static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new OrchestratorCli())
        .addSubcommand(new ServeCommand(env))
        .addSubcommand(new ReplayCommand(env))
        .addSubcommand(new AgentsCommand(env));
  }

  /** Writes out the log lines still waiting to be written; for a process about to exit. */
  public static void flushLogs() {
    Serve.flushLogs();
  }

  /** Runs {@code args}, serving when there are none, and returns the exit status. */
  public static int run(Map<String, String> env, String... args) {
    if (args.length == 0) {
      // The start of the container and of plain java -jar has nothing to parse. Building the
      // command line would cost a tenth of a second: picocli reads its model by reflection, and
      // its classes, compiled for Java 5, cannot be kept in a class-data archive.
      return Serve.run(env, false, new PrintWriter(System.err, true, Charset.defaultCharset()));
    }
    return commandLine(env).execute(args);
  }
}
