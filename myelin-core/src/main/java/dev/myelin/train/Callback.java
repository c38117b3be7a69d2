package dev.myelin.train;

/**
 * Hooks into the training loop, as Keras callbacks or Lightning hooks. Every method has an empty
 * default, so a callback overrides only what it needs; to end training early it calls
 * {@link TrainingContext#stop(String)}.
 */
public interface Callback {
    /**
     * Before the first epoch (and before {@link #restoreState} on a resumed fit): check the configuration against
     * {@link TrainingContext#logNames()} and reset what one fit keeps.
     *
     * @param ctx the fit about to run
     */
    default void onTrainBegin(TrainingContext ctx) {}

    /**
     * Before the first batch of an epoch.
     *
     * @param ctx the running fit
     * @param epoch the epoch about to run, from 1
     */
    default void onEpochBegin(TrainingContext ctx, int epoch) {}

    /**
     * After the train step of one batch; {@code loss} is the batch's mean "loss" (NaN if the step logs none: its
     * metrics are in {@link TrainingContext#lastStep()}), {@code batchSize} the samples the step ran on.
     *
     * @param ctx the running fit
     * @param epoch the current epoch, from 1
     * @param batch the batch just trained, from 1 within the epoch
     * @param loss the batch's mean loss, or NaN
     * @param batchSize the number of samples in the batch
     */
    default void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {}

    /**
     * After validation, once the epoch is logged in the history; an epoch cut short by a diverging loss is not.
     *
     * @param ctx the running fit
     * @param logs the epoch's metrics
     */
    default void onEpochEnd(TrainingContext ctx, EpochLogs logs) {}

    /**
     * After the last epoch or a stop, before {@link Trainer#fit} returns.
     *
     * @param ctx the finished fit
     * @param history the fit's history, its stop reason set
     */
    default void onTrainEnd(TrainingContext ctx, History history) {}

    /**
     * What this callback must carry across a resumed fit (a best score, a patience count, a schedule's state),
     * saved in training checkpoints; empty for a callback that keeps nothing between epochs.
     *
     * @return the state to save; {@link CallbackState#EMPTY} by default
     */
    default CallbackState state() {
        return CallbackState.EMPTY;
    }

    /**
     * Takes back what {@link #state()} returned, when a fit resumes from a checkpoint: called after
     * {@link #onTrainBegin}. A malformed state is an IllegalArgumentException naming the key.
     *
     * @param state what {@link #state()} returned when the checkpoint was written
     */
    default void restoreState(CallbackState state) {}
}
