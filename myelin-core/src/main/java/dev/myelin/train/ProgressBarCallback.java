package dev.myelin.train;

import dev.myelin.OptionalDependency;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A live progress bar per epoch with the running metrics (loss and metric, or a custom step's d_loss, g_loss),
 * samples/s and ETA (me.tongfei progressbar, an optional dependency of myelin-core), then one summary line per
 * epoch.
 */
public final class ProgressBarCallback implements Callback {
    private final PrintStream out;
    private EpochBar bar;
    private int seen;
    private long epochStart;

    /**
     * A progress bar printing to {@code out} (e.g. {@code System.out}).
     *
     * @param out where the bar and the epoch summaries go
     *
     * @throws IllegalStateException if the optional {@code me.tongfei:progressbar} jar is not on the class path
     */
    public ProgressBarCallback(PrintStream out) {
        OptionalDependency.PROGRESSBAR.require(
                "ProgressBarCallback"); // up front, not as a NoClassDefFoundError in the first epoch
        this.out = out;
    }

    @Override
    public void onEpochBegin(TrainingContext ctx, int epoch) {
        seen = 0;
        epochStart = System.nanoTime();
        bar = new EpochBar(out, String.format(Locale.ROOT, "epoch %d/%d", epoch, ctx.epochs()), ctx.samplesPerEpoch());
    }

    @Override
    public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
        seen += batchSize;
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        double eta = seen == 0 ? 0 : seconds / seen * (ctx.samplesPerEpoch() - seen);
        StringBuilder running = new StringBuilder();
        ctx.runningMetrics().forEach((name, v) -> {
            if (!Double.isNaN(v)) running.append(String.format(Locale.ROOT, " %s %.4f", name, v));
        });
        bar.step(
                batchSize,
                running.append(String.format(Locale.ROOT, " eta %.0fs", eta)).toString());
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (bar != null) bar.close();
        bar = null;
        out.println(logs.summaryLine(ctx.epochs()));
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        if (bar != null) bar.close();
        if (history.stopReason() != null) out.println("stopped: " + history.stopReason());
    }
}
