package dev.myelin.tune.objective;

/** Training stopped before its budget without being asked to (e.g. the loss became NaN); the message says why. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String reason) {
        super(reason);
    }
}
