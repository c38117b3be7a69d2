package dev.myelin.cli;

import picocli.CommandLine;

/** Entry point of the {@code myelin} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code: 0 success, 2 usage error, 1 data or model error. */
    public static int run(String... args) {
        return MyelinCommand.commandLine().execute(args);
    }
}
