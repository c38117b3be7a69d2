package dev.myelin.estimator;

import dev.myelin.kernel.VectorOps;

/**
 * Hidden-layer activation functions of the multilayer perceptrons, as scikit-learn's {@code activation} parameter.
 * Each constant applies its function in place and, next to it, multiplies a delta by the derivative expressed
 * through the function's output (as scikit-learn's {@code DERIVATIVES}).
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY("identity") {
        @Override
        void forward(float[] z, int off, int n) {
        }

        @Override
        void backward(float[] out, float[] delta, int off, int n) {
        }
    },
    /** f(x) = 1 / (1 + exp(-x)). */
    LOGISTIC("logistic") {
        @Override
        void forward(float[] z, int off, int n) {
            VectorOps.sigmoid(z, off, z, off, n);
        }

        @Override
        void backward(float[] out, float[] delta, int off, int n) {
            PlainLoops.sigmoidBackward(out, delta, off, n);
        }
    },
    /** f(x) = tanh(x). */
    TANH("tanh") {
        @Override
        void forward(float[] z, int off, int n) {
            VectorOps.tanh(z, off, z, off, n);
        }

        @Override
        void backward(float[] out, float[] delta, int off, int n) {
            PlainLoops.tanhBackward(out, delta, off, n);
        }
    },
    /** f(x) = max(0, x). */
    RELU("relu") {
        @Override
        void forward(float[] z, int off, int n) {
            PlainLoops.relu(z, off, n);
        }

        @Override
        void backward(float[] out, float[] delta, int off, int n) {
            PlainLoops.reluBackward(out, delta, off, n);
        }
    };

    private final String sklearnName;

    Activation(String sklearnName) {
        this.sklearnName = sklearnName;
    }

    /** The scikit-learn spelling ("identity", "logistic", "tanh", "relu"). */
    public String sklearnName() {
        return sklearnName;
    }

    /** z = f(z) in place on z[off, off+n). */
    abstract void forward(float[] z, int off, int n);

    /** delta *= f'(z) on [off, off+n), where {@code out} holds f(z). */
    abstract void backward(float[] out, float[] delta, int off, int n);

    /** Parses the scikit-learn name. */
    public static Activation of(String name) {
        for (Activation a : values()) {
            if (a.sklearnName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be one of identity, logistic, tanh, relu; got '" + name + "'");
    }
}
