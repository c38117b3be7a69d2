package dev.myelin.estimator;

import dev.myelin.kernel.Parallel;

/**
 * Adam as scikit-learn's {@code AdamOptimizer}: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², lr_t = lr·sqrt(1−β2^t)/(1−β1^t),
 * params −= lr_t·m/(sqrt(v)+ε). A plain loop, not kernel.AdamKernel: on the estimators' small vectors (1.5k weights)
 * AdamKernel made a warm breast-cancer fit 2-4x slower on one thread (measured, issue 20), so this stays. */
final class AdamOptimizer extends StochasticOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float[] ms;
    private final float[] vs;
    private long t;
    /** Parameters per thread below which splitting the update costs more than it saves (~2 µs of work). */
    private static final int PARALLEL_MIN_CHUNK = 8192;

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
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float lr = (float) lrT;
        float eps = (float) epsilon;
        float[] m = ms;
        float[] v = vs;
        // Elementwise, so any split gives the same bits; below two chunks' worth it runs inline.
        Parallel.forRange(m.length, PARALLEL_MIN_CHUNK, (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                float g = grads[j];
                float mj = b1 * m[j] + c1 * g;
                float vj = b2 * v[j] + c2 * g * g;
                m[j] = mj;
                v[j] = vj;
                params[j] -= lr * mj / ((float) Math.sqrt(vj) + eps);
            }
        });
    }
}
