package dev.myelin.train;

/**
 * Hooks into the training loop, as Keras callbacks or Lightning hooks. Every method has an empty
 * default, so a callback overrides only what it needs; to end training early it calls
 * {@link TrainingContext#stop(String)}.
 */
public interface Callback {
    default void onTrainBegin(TrainingContext ctx) {}

    default void onEpochBegin(TrainingContext ctx, int epoch) {}

    /**
     * After the train step of one batch; {@code loss} is the batch's mean "loss" (NaN if the step logs none: its
     * metrics are in {@link TrainingContext#lastStep()}), {@code batchSize} the samples the step ran on.
     */
    default void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {}

    /** After validation; {@code logs} holds the epoch's metrics. */
    default void onEpochEnd(TrainingContext ctx, EpochLogs logs) {}

    default void onTrainEnd(TrainingContext ctx, History history) {}
}
