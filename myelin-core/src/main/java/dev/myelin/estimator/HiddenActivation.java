package dev.myelin.estimator;

import dev.myelin.kernel.VectorOps;
import dev.myelin.nn.Activation;

/**
 * The engine's side of the shared {@link Activation} enum: the four hidden activations scikit-learn's MLPs offer,
 * their scikit-learn names, and each one's forward pass in place next to its derivative, expressed through the
 * output (as scikit-learn's {@code DERIVATIVES}).
 */
final class HiddenActivation {
    private HiddenActivation() {}

    private static final java.util.List<Activation> SUPPORTED =
            java.util.List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU);

    /** Parses scikit-learn's name (or the shared enum's). */
    static Activation of(String name) {
        return check(
                SUPPORTED.stream()
                        .filter(a -> sklearnName(a).equals(name) || a.key().equals(name))
                        .findFirst()
                        .orElse(null),
                name);
    }

    /** The activation if the MLPs support it. */
    static Activation check(Activation a, Object given) {
        if (a == null || !SUPPORTED.contains(a)) { // List.of refuses contains(null)
            throw new IllegalArgumentException(
                    "activation must be one of identity, logistic, tanh, relu; got '" + given + "'");
        }
        return a;
    }

    /** The scikit-learn spelling ("identity", "logistic", "tanh", "relu"). */
    static String sklearnName(Activation a) {
        return a == Activation.SIGMOID ? "logistic" : a.key();
    }

    /** z = f(z) in place on z[off, off+n). */
    static void forward(Activation a, float[] z, int off, int n) {
        switch (a) {
            case SIGMOID -> VectorOps.sigmoid(z, off, z, off, n);
            case TANH -> VectorOps.tanh(z, off, z, off, n);
            case RELU -> PlainLoops.relu(z, off, n);
            default -> {} // identity
        }
    }

    /** delta *= f'(z) on [off, off+n), where {@code out} holds f(z). */
    static void backward(Activation a, float[] out, float[] delta, int off, int n) {
        switch (a) {
            case SIGMOID -> PlainLoops.sigmoidBackward(out, delta, off, n);
            case TANH -> PlainLoops.tanhBackward(out, delta, off, n);
            case RELU -> PlainLoops.reluBackward(out, delta, off, n);
            default -> {} // identity
        }
    }
}
