package dev.myelin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code myelin} command; the work happens in its subcommands. */
@Command(
        name = "myelin",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Neural networks for the JVM: train, evaluate and tune models from the command line.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            TuneCommand.class,
            DemoCommand.class,
            InfoCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            dev.myelin.cli.dashboard.DashboardCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MyelinCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A command line whose user errors become one-line messages and exit code 1 (not stack traces); running out of
     * memory, which a large enough input or model can always do, is one of them.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MyelinCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (OutOfMemoryError e) {
                cl.getErr().println("error: " + UserErrorHandler.outOfMemory());
                return 1;
            }
        });
        return cl;
    }
}
