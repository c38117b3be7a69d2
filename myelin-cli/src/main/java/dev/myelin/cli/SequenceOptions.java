package dev.myelin.cli;

import picocli.CommandLine.Option;

/** The flags that cut sequence data into examples: {@code --window} and {@code --horizon}. */
final class SequenceOptions {
    /** Characters per example of text: data when --window is not given. */
    static final int TEXT_WINDOW = 64;

    @Option(
            names = "--window",
            paramLabel = "STEPS",
            description = "Steps per example of sequence data: with csv: data, windows of "
                    + "STEPS past values of the --label column (a time series; without --window a CSV is a table of rows); with text: data, "
                    + "characters per example (default there: " + TEXT_WINDOW + ").")
    Integer window;

    @Option(
            names = "--horizon",
            paramLabel = "STEPS",
            description = "With --window on csv: data, how many next values of the --label "
                    + "column each window is to forecast (default: 1).")
    Integer horizon;
}
