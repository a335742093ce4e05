package dev.agentdispatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dispatch}: the one command line of Agent Dispatch. */
@Command(
    name = "dispatch",
    mixinStandardHelpOptions = true,
    version = "Agent Dispatch 0.1.0",
    description = "Routes work to AI agents and makes it reliable.",
    subcommands = {
      ServerCommand.class,
      InvokeCommand.class,
      GetCommand.class,
      ListCommand.class,
      CancelCommand.class,
      RetryCommand.class,
      AgentsCommand.class,
      FlowCommand.Pause.class,
      FlowCommand.Resume.class,
      ResetCommand.class,
      KeysCommand.class,
      ExampleCommand.class,
      PublishCommand.class,
      SchedulesCommand.class,
      TasksCommand.class,
      TraceCommand.class,
      UsageCommand.class,
      TailCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DispatchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new DispatchCommand());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CliException ce) {
        cmd.getErr().println("error: " + ce.getMessage());
        return ce.exitCode();
      }
      if (e instanceof IllegalArgumentException
          || e instanceof dev.agentdispatch.store.StoreException) {
        cmd.getErr().println("error: " + e.getMessage());
        return CliException.ERROR;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
