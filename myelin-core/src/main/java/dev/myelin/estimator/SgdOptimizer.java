package dev.myelin.estimator;

/**
 * Stochastic gradient descent with momentum and optional Nesterov momentum, as scikit-learn's {@code SGDOptimizer}:
 * v = momentum·v − lr·g; params += v, or with Nesterov params += momentum·v − lr·g.
 */
final class SgdOptimizer extends StochasticOptimizer {
    private final double learningRateInit;
    private final LearningRate schedule;
    private final double momentum;
    private final boolean nesterov;
    private final double powerT;
    private final float[] velocities;

    SgdOptimizer(
            int size,
            double learningRateInit,
            LearningRate schedule,
            double momentum,
            boolean nesterov,
            double powerT) {
        super(learningRateInit);
        this.learningRateInit = learningRateInit;
        this.schedule = schedule;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.powerT = powerT;
        this.velocities = new float[size];
    }

    @Override
    void updateParams(float[] params, float[] grads) {
        float mu = (float) momentum;
        float lr = (float) learningRate;
        float[] v = velocities;
        if (nesterov) {
            for (int j = 0; j < v.length; j++) {
                float vj = mu * v[j] - lr * grads[j];
                v[j] = vj;
                params[j] += mu * vj - lr * grads[j];
            }
        } else {
            for (int j = 0; j < v.length; j++) {
                float vj = mu * v[j] - lr * grads[j];
                v[j] = vj;
                params[j] += vj;
            }
        }
    }

    @Override
    void iterationEnds(long timeStep) {
        if (schedule == LearningRate.INVSCALING) {
            learningRate = learningRateInit / Math.pow(timeStep + 1, powerT);
        }
    }

    @Override
    boolean triggerStopping(String msg, boolean verbose) {
        if (schedule != LearningRate.ADAPTIVE) {
            return super.triggerStopping(msg, verbose);
        }
        if (learningRate <= 1e-6) {
            if (verbose) {
                System.out.println(msg + " Learning rate too small. Stopping.");
            }
            return true;
        }
        learningRate /= 5.0;
        if (verbose) {
            System.out.printf("%s Setting learning rate to %f%n", msg, learningRate);
        }
        return false;
    }
}
