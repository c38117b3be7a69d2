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

    /**
     * What this callback must carry across a resumed fit (a best score, a patience count, a schedule's state),
     * saved in training checkpoints; empty for a callback that keeps nothing between epochs.
     */
    default CallbackState state() {
        return CallbackState.EMPTY;
    }

    /**
     * Takes back what {@link #state()} returned, when a fit resumes from a checkpoint: called after
     * {@link #onTrainBegin}. A malformed state is an IllegalArgumentException naming the key.
     */
    default void restoreState(CallbackState state) {}
}
