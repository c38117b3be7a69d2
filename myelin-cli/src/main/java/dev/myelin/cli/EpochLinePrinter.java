package dev.myelin.cli;

import dev.myelin.train.Callback;
import dev.myelin.train.EpochLogs;
import dev.myelin.train.History;
import dev.myelin.train.TrainingContext;
import java.io.PrintStream;

/** One line per epoch, for logs and scripts where a live progress bar would be noise. */
final class EpochLinePrinter implements Callback {
    private final PrintStream out;

    EpochLinePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs e) {
        out.println(e.summaryLine(ctx.epochs()));
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        if (history.stopReason() != null) out.println("stopped: " + history.stopReason());
    }
}
