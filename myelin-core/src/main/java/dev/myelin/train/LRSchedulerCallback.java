package dev.myelin.train;

import dev.myelin.optim.LRScheduler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Steps a learning-rate schedule once per epoch (or, for {@link #everyBatch}, after every batch, as
 * OneCycleLR needs); schedules that react to a metric (reduce-on-plateau) get the monitored value.
 */
public final class LRSchedulerCallback implements Callback {
    private static final String EXACT = "exact.";

    private final LRScheduler scheduler;
    private final String monitor;
    private final boolean perBatch;
    private final int accumulate; // with perBatch: the batches of one optimizer step

    /**
     * Steps the schedule after every epoch, for schedules driven by the epoch count (step, exponential, cosine,
     * linear warm-up, ...).
     *
     * @param scheduler the schedule of the step's optimizer
     * @throws IllegalArgumentException if {@code scheduler} is null
     */
    public LRSchedulerCallback(LRScheduler scheduler) {
        this(scheduler, null, false);
    }

    /**
     * Steps the schedule after every epoch with the monitored value, for schedules driven by a metric, e.g.
     * ReduceLROnPlateau with "val_loss".
     *
     * @param scheduler the schedule of the step's optimizer
     * @param monitor a logged name or alias (checked when training begins)
     * @throws IllegalArgumentException if {@code scheduler} or {@code monitor} is null
     */
    public LRSchedulerCallback(LRScheduler scheduler, String monitor) {
        this(scheduler, monitor, false);
        if (monitor == null)
            throw new IllegalArgumentException(
                    "LRSchedulerCallback: monitor is null; name a logged metric such as val_loss");
    }

    private LRSchedulerCallback(LRScheduler scheduler, String monitor, boolean perBatch) {
        this(scheduler, monitor, perBatch, 1);
    }

    private LRSchedulerCallback(LRScheduler scheduler, String monitor, boolean perBatch, int accumulate) {
        if (scheduler == null) throw new IllegalArgumentException("LRSchedulerCallback: scheduler is null");
        if (accumulate < 1)
            throw new IllegalArgumentException("LRSchedulerCallback: accumulate must be >= 1 batch, got " + accumulate);
        this.scheduler = scheduler;
        this.monitor = monitor;
        this.perBatch = perBatch;
        this.accumulate = accumulate;
    }

    /**
     * Steps the schedule after each batch's optimizer step, e.g. OneCycleLR built with epochs × batches per epoch.
     *
     * @param scheduler the schedule of the step's optimizer
     * @return the callback
     * @throws IllegalArgumentException if {@code scheduler} is null
     */
    public static LRSchedulerCallback everyBatch(LRScheduler scheduler) {
        return new LRSchedulerCallback(scheduler, null, true);
    }

    /**
     * Steps the schedule after each optimizer step of a fit that accumulates gradients over {@code accumulate}
     * batches ({@link Trainer.Builder#accumulate}): after every {@code accumulate}-th batch of an epoch and after its
     * last batch, where {@link SupervisedStep} steps the optimizer. A warm-up of W steps is then W updates.
     *
     * @param scheduler the schedule of the step's optimizer
     * @param accumulate the batches of one optimizer step, as given to the trainer, &gt;= 1
     * @return the callback
     * @throws IllegalArgumentException if {@code scheduler} is null or {@code accumulate < 1}
     */
    public static LRSchedulerCallback everyOptimizerStep(LRScheduler scheduler, int accumulate) {
        return new LRSchedulerCallback(scheduler, null, true, accumulate);
    }

    @Override
    public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
        if (perBatch && (batch % accumulate == 0 || batch == ctx.batchesPerEpoch())) scheduler.step();
    }

    @Override
    public void onTrainBegin(TrainingContext ctx) {
        if (monitor != null) EpochLogs.resolve(monitor, ctx.logNames());
    }

    /** The schedule's state dict, and its own values at full precision (the state dict keeps them at float32). */
    @Override
    public CallbackState state() {
        Map<String, String> exact = new LinkedHashMap<>();
        scheduler.exactExtraState().forEach((k, v) -> exact.put(EXACT + k, Double.toString(v)));
        return new CallbackState(exact, scheduler.stateDict());
    }

    @Override
    public void restoreState(CallbackState state) {
        Map<String, Double> exact = new LinkedHashMap<>();
        for (String k : state.values().keySet())
            if (k.startsWith(EXACT)) exact.put(k.substring(EXACT.length()), state.number(k));
        scheduler.loadStateDict(state.tensors());
        scheduler.loadExactExtraState(exact);
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (perBatch) return;
        if (monitor == null) scheduler.step();
        else scheduler.step(logs.get(monitor));
    }
}
