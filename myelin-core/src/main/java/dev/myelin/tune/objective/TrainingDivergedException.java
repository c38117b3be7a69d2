package dev.myelin.tune.objective;

/** Training stopped before its budget without being asked to (e.g. the loss became NaN); the message says why. */
public final class TrainingDivergedException extends RuntimeException {
    /**
     * A trial's training that stopped for {@code reason}.
     *
     * @param reason the trainer's reason (e.g. a non-finite loss)
     */
    public TrainingDivergedException(String reason) {
        super(reason);
    }
}
