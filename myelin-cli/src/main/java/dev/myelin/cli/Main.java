package dev.myelin.cli;

/** Entry point of the {@code myelin} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // library warnings (e.g. convergence) as one plain line on stderr, not java.util.logging's two-line format
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code: 0 success, 2 usage error, 1 data or model error. */
    public static int run(String... args) {
        return MyelinCommand.commandLine().execute(args);
    }
}
