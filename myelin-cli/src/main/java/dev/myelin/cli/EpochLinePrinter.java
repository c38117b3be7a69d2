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
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", e.epoch(), ctx.epochs(), e.trainLoss()));
        // without a validation set the val_ columns are NaN: leave them out rather than print NaN
        if (!Double.isNaN(e.trainMetric())) line.append(String.format(Locale.ROOT, "  metric %.4f", e.trainMetric()));
        if (!Double.isNaN(e.valLoss())) line.append(String.format(Locale.ROOT, "  val_loss %.4f", e.valLoss()));
        if (!Double.isNaN(e.valMetric())) line.append(String.format(Locale.ROOT, "  val_metric %.4f", e.valMetric()));
        out.println(line.append(String.format(Locale.ROOT, "  %.2fs", e.seconds())));
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        if (history.stopReason() != null) out.println("stopped: " + history.stopReason());
    }
}
