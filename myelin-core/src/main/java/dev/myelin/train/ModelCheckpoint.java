package dev.myelin.train;

import dev.myelin.io.AtomicFiles;
import dev.myelin.io.CheckpointFile;
import dev.myelin.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves the whole state of a fit: every epoch, every N epochs or N batches, or only when the monitored quantity
 * improved. One model (with at most one optimizer) is saved as a {@link ModelFile} (architecture, weights,
 * optimizer state; it loads as a model); several models or optimizers (a GAN's) as one {@link CheckpointFile}.
 * Either way the file also holds the training state (epoch, batch, random streams, data order, callbacks' states,
 * history), so {@link Trainer#resume} continues from it exactly.
 *
 * <p>The file is written to a temporary file and renamed, so a crash during saving never leaves a torn
 * checkpoint; the temporary file such a crash leaves is removed when the next fit begins. The trainer writes due
 * checkpoints after every callback has handled the batch or epoch.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final String monitor;
    private final boolean maximize;
    private final int everyEpochs;
    private final long everySteps;
    private double best;
    private boolean due;

    /**
     * Saves after every epoch, or only after epochs that improved the monitored value (Keras's
     * {@code save_best_only}; names ending in accuracy/metric are maximized, others minimized).
     *
     * @param file where the checkpoint goes (replaced each time)
     * @param monitor null to save every epoch, else e.g. "val_loss" to save only improvements (checked when training
     *     begins)
     * @throws IllegalArgumentException if {@code file} is null or {@code monitor} is blank
     */
    public ModelCheckpoint(Path file, String monitor) {
        this(file, monitor, 1, 0);
    }

    private ModelCheckpoint(Path file, String monitor, int everyEpochs, long everySteps) {
        if (file == null) throw new IllegalArgumentException("ModelCheckpoint: file must not be null");
        if (monitor != null && monitor.isBlank())
            throw new IllegalArgumentException("ModelCheckpoint: monitor must not be blank");
        this.file = file;
        this.monitor = monitor;
        this.maximize = monitor != null && (monitor.endsWith("accuracy") || monitor.endsWith("metric"));
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        this.everyEpochs = everyEpochs;
        this.everySteps = everySteps;
    }

    /**
     * Saves after every {@code n}-th epoch (the state after its validation and callbacks).
     *
     * @param file where the checkpoint goes (replaced each time)
     * @param n the epochs between saves, &gt;= 1
     * @return the callback
     * @throws IllegalArgumentException if {@code file} is null or {@code n < 1}
     */
    public static ModelCheckpoint everyEpochs(Path file, int n) {
        if (n < 1) throw new IllegalArgumentException("ModelCheckpoint: every n epochs needs n >= 1, got " + n);
        return new ModelCheckpoint(file, null, n, 0);
    }

    /**
     * Saves after every {@code n}-th batch of the fit (counted over all epochs), e.g. for long epochs.
     *
     * @param file where the checkpoint goes (replaced each time)
     * @param n the batches between saves, &gt;= 1
     * @return the callback
     * @throws IllegalArgumentException if {@code file} is null or {@code n < 1}
     */
    public static ModelCheckpoint everySteps(Path file, long n) {
        if (n < 1) throw new IllegalArgumentException("ModelCheckpoint: every n steps needs n >= 1, got " + n);
        return new ModelCheckpoint(file, null, 0, n);
    }

    @Override
    public void onTrainBegin(TrainingContext ctx) {
        if (monitor != null) EpochLogs.resolve(monitor, ctx.logNames()); // fail fast on a typo
        due = false;
        try {
            AtomicFiles.removeStaleTemporaries(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up beside checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
        if (everySteps > 0 && ctx.step() % everySteps == 0) due = true;
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (everySteps > 0) return;
        if (monitor != null) {
            double v = logs.get(monitor);
            boolean improved = maximize ? v > best : v < best;
            if (!improved) return;
            best = v;
        }
        if (logs.epoch() % everyEpochs == 0) due = true;
    }

    /** Writes the checkpoint if this batch or epoch asked for one; the trainer calls it after every callback. */
    void saveIfDue(TrainingContext ctx) {
        if (!due) return;
        due = false;
        TrainingState state = ctx.snapshot();
        Map<String, String> meta = new java.util.LinkedHashMap<>(state.toMetadata(ctx.logNames()));
        try {
            if (ctx.models().size() == 1 && ctx.optimizers().size() <= 1) {
                ModelFile.save(
                        file,
                        ctx.model(),
                        ctx.optimizers().isEmpty() ? null : ctx.optimizer(),
                        meta,
                        state.toTensors());
            } else {
                meta.put("myelin.epoch", Integer.toString(state.epochDone() ? state.epoch() : state.epoch() - 1));
                CheckpointFile.save(file, ctx.models(), ctx.optimizers(), meta, state.toTensors());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CallbackState state() {
        return new CallbackState(Map.of("best", Double.toString(best)), Map.of());
    }

    @Override
    public void restoreState(CallbackState state) {
        best = state.number("best");
    }
}
