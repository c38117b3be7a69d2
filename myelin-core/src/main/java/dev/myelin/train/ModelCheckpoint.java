package dev.myelin.train;

import dev.myelin.io.ModelFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves the model (architecture, weights and optimizer state) after an epoch: every epoch, or only
 * when the monitored quantity improved. The file is written to a temporary file and renamed, so a
 * crash during saving never leaves a torn checkpoint.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final String monitor;
    private final boolean maximize;
    private double best;

    /** @param monitor null to save every epoch, else e.g. "val_loss" to save only improvements */
    public ModelCheckpoint(Path file, String monitor) {
        this.file = file;
        this.monitor = monitor;
        this.maximize = monitor != null && (monitor.endsWith("accuracy") || monitor.endsWith("metric"));
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (monitor != null) new EpochLogs(0, 0, 0, 0, 0, 0, 0, 0, 0).get(monitor); // fail fast on a typo
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (monitor != null) {
            double v = logs.get(monitor);
            boolean improved = maximize ? v > best : v < best;
            if (!improved) return;
            best = v;
        }
        try {
            ModelFile.save(file, ctx.model(), ctx.optimizer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
