package dev.myelin.cli;

import dev.myelin.train.Callback;
import dev.myelin.train.EpochLogs;
import dev.myelin.train.History;
import dev.myelin.train.TrainingContext;

import java.io.PrintStream;
import java.util.Locale;

/** One line per epoch, for logs and scripts where a live progress bar would be noise. */
final class EpochLinePrinter implements Callback {
    private final PrintStream out;

    EpochLinePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs e) {
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  metric %.4f  val_loss %.4f  val_metric %.4f  %.2fs%n",
                e.epoch(), ctx.epochs(), e.trainLoss(), e.trainMetric(), e.valLoss(), e.valMetric(), e.seconds());
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        if (history.stopReason() != null) out.println("stopped: " + history.stopReason());
    }
}
