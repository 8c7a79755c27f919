package io.webhookagents.app.cli;

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

  /** Runs {@code args}, serving when there are none, and returns the exit status. */
  public static int run(Map<String, String> env, String... args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    return commandLine(env).execute(effective);
  }
}
