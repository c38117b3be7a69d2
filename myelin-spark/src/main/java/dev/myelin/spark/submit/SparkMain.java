package dev.myelin.spark.submit;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class dev.myelin.spark.submit.SparkMain myelin-spark.jar train|predict|tune ...}: the
 * commands of docs/SPARK.md. The session comes from spark-submit's settings; {@code --master} is for a run
 * without spark-submit (e.g. {@code local[2]} in-process).
 */
@Command(
        name = "myelin-spark",
        mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, PredictCommand.class, TuneCommand.class},
        description = "Myelin on Spark: train, predict and tune on Parquet/CSV paths.")
public final class SparkMain implements Runnable {
    /** The command line's root, for picocli; {@link #execute(String...)} makes one per run. */
    public SparkMain() {}

    @Option(
            names = "--master",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Spark master when not started by spark-submit, e.g. local[2]")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: train, predict or tune");
    }

    /** The session: spark-submit's, an existing one, or a new one on {@code --master}. */
    SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("myelin-spark");
        if (master != null) b.master(master).config("spark.ui.enabled", "false");
        return b.getOrCreate();
    }

    /**
     * Runs a command line and returns its exit code (the session is left running, for the caller to stop).
     *
     * @param args the arguments after the jar, e.g. {@code train --data ...}
     * @return 0 on success, non-zero for a usage error or a failed command (the message went to stderr)
     */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.err, true), args);
    }

    /**
     * As {@link #execute(String...)}, errors to {@code err}.
     *
     * @param err where usage errors and failures are written
     * @param args the arguments after the jar
     * @return 0 on success, non-zero for a usage error or a failed command
     */
    public static int execute(java.io.PrintWriter err, String... args) {
        return new CommandLine(new SparkMain())
                .setExecutionExceptionHandler(new TaskErrors())
                .setErr(err)
                .execute(args);
    }

    /**
     * The {@code spark-submit} entry point: runs the command, stops the session and exits with the command's code.
     *
     * @param args the arguments after the jar
     */
    public static void main(String[] args) {
        int code = execute(args);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }
}
