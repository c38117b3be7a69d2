package dev.myelin.estimator;

/**
 * Test-only access to the estimators' internal state that scikit-learn's own tests read through private attributes
 * ({@code _optimizer.learning_rate}, {@code _no_improvement_count}, {@code _loss_grad_lbfgs}), for the ports in
 * {@code dev.myelin.estimator.conformance}.
 */
public final class EstimatorInternals {
    private EstimatorInternals() {}

    /** The stochastic optimizer's current learning rate (NaN before a stochastic fit). */
    public static double learningRate(BaseMultilayerPerceptron<?> m) {
        return m.currentLearningRate();
    }

    /** Epochs without improvement counted by the last fit. */
    public static int noImprovementCount(BaseMultilayerPerceptron<?> m) {
        return m.noImprovementCount();
    }

    /** The flat parameter vector (coefs then intercepts per layer), a copy. */
    public static float[] parameters(BaseMultilayerPerceptron<?> m) {
        return m.params.clone();
    }

    /**
     * The full-batch regularized loss at {@code theta} on (x, targets), with its gradient written to {@code grad}:
     * scikit-learn's {@code _loss_grad_lbfgs}. The estimator's parameters are restored afterwards.
     */
    public static double lossAndGradient(
            BaseMultilayerPerceptron<?> m, float[] theta, float[] x, int n, float[] targets, float[] grad) {
        float[] keep = m.params.clone();
        System.arraycopy(theta, 0, m.params, 0, theta.length);
        try {
            return m.lossAndGradient(x, n, targets, grad, m.net.workspace(n));
        } finally {
            System.arraycopy(keep, 0, m.params, 0, keep.length);
        }
    }
}
