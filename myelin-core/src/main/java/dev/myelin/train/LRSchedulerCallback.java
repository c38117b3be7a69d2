package dev.myelin.train;

import dev.myelin.optim.LRScheduler;

/**
 * Steps a learning-rate schedule once per epoch; schedules that react to a metric
 * (reduce-on-plateau) get the monitored value.
 */
public final class LRSchedulerCallback implements Callback {
    private final LRScheduler scheduler;
    private final String monitor;

    /** For schedules driven by the epoch count (step, exponential, cosine, inverse scaling). */
    public LRSchedulerCallback(LRScheduler scheduler) {
        this(scheduler, null);
    }

    /** For schedules driven by a metric, e.g. ReduceLROnPlateau with "val_loss" (checked when training begins). */
    public LRSchedulerCallback(LRScheduler scheduler, String monitor) {
        this.scheduler = scheduler;
        this.monitor = monitor;
    }

    @Override
    public void onTrainBegin(TrainingContext ctx) {
        if (monitor != null) EpochLogs.resolve(monitor, ctx.logNames());
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        if (monitor == null) scheduler.step();
        else scheduler.step(logs.get(monitor));
    }
}
