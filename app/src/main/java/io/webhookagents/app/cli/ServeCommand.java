package io.webhookagents.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
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
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--exit-when-ready",
      description =
          "Start, ask the service's own /ready, then stop as SIGTERM would; exit 0 when /ready"
              + " answered 200, 1 otherwise. For a training run that records the classes"
              + " start-up and a first request load into a class-data archive"
              + " (-XX:ArchiveClassesAtExit), as deploy/Dockerfile does.")
  boolean exitWhenReady;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    return Serve.run(env, exitWhenReady, spec.commandLine().getErr());
  }
}
