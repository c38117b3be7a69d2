package dev.myelin.estimator;

/**
 * Mini-batch optimizer over one flat parameter vector, as scikit-learn's {@code BaseOptimizer}: an update per batch,
 * a hook at the end of each epoch, and a decision what to do when the loss stalls.
 */
abstract class StochasticOptimizer {
    double learningRate;

    StochasticOptimizer(double learningRateInit) {
        this.learningRate = learningRateInit;
    }

    /** params += update(grads), in place. */
    abstract void updateParams(float[] params, float[] grads);

    /** Called after each epoch with the number of samples seen so far. */
    void iterationEnds(long timeStep) {}

    /** Called when the loss stalled; returns true to stop training. */
    boolean triggerStopping(String msg, boolean verbose) {
        if (verbose) {
            System.out.println(msg + " Stopping.");
        }
        return true;
    }
}
