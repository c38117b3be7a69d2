package dev.myelin.estimator;

import dev.myelin.kernel.AdamKernel;

/**
 * Adam as scikit-learn's {@code AdamOptimizer}, on the shared {@link AdamKernel}: m = β1·m + (1−β1)·g,
 * v = β2·v + (1−β2)·g², params −= lr_t·m/(sqrt(v)+ε) with lr_t = lr·sqrt(1−β2^t)/(1−β1^t) (the kernel's step
 * size, with its bias-correction divisor of √v set to 1 and no weight decay).
 */
final class AdamOptimizer extends StochasticOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float[] ms;
    private final float[] vs;
    private long t;

    AdamOptimizer(int size, double learningRateInit, double beta1, double beta2, double epsilon) {
        super(learningRateInit);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.ms = new float[size];
        this.vs = new float[size];
    }

    @Override
    void updateParams(float[] params, float[] grads) {
        t++;
        double lrT = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        AdamKernel.step(params, grads, ms, vs, null,
                new AdamKernel.Scalars((float) beta1, (float) beta2, (float) lrT, 1f, (float) epsilon, 0f, 1f));
    }
}
