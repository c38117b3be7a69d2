package dev.myelin.train;

import dev.myelin.io.CheckpointFile;
import dev.myelin.io.ModelFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the training state after an epoch: every epoch, or only when the monitored quantity improved. One
 * model (with at most one optimizer) is saved as a {@link ModelFile} (architecture, weights, optimizer state);
 * several models or optimizers (a GAN's) as one {@link CheckpointFile} holding every state by name. The file is
 * written to a temporary file and renamed, so a crash during saving never leaves a torn checkpoint.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final String monitor;
    private final boolean maximize;
    private double best;

    /** @param monitor null to save every epoch, else e.g. "val_loss" to save only improvements (checked when training begins) */
    public ModelCheckpoint(Path file, String monitor) {
        if (file == null) throw new IllegalArgumentException("ModelCheckpoint: file must not be null");
        if (monitor != null && monitor.isBlank()) throw new IllegalArgumentException("ModelCheckpoint: monitor must not be blank");
        this.file = file;
        this.monitor = monitor;
        this.maximize = monitor != null && (monitor.endsWith("accuracy") || monitor.endsWith("metric"));
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onTrainBegin(TrainingContext ctx) {
        if (monitor != null) EpochLogs.resolve(monitor, ctx.logNames()); // fail fast on a typo
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
            if (ctx.models().size() == 1 && ctx.optimizers().size() <= 1)
                ModelFile.save(file, ctx.model(), ctx.optimizers().isEmpty() ? null : ctx.optimizer());
            else
                CheckpointFile.save(file, ctx.models(), ctx.optimizers(), Map.of("myelin.epoch", Integer.toString(logs.epoch())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
