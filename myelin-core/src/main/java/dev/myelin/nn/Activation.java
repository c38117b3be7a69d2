package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The activation functions by name, for the CLI, estimators and {@link MLP}: {@link #fromName} accepts
 * PyTorch and scikit-learn spellings ("relu", "tanh", "sigmoid"/"logistic", "identity"/"linear", ...),
 * {@link #module()} makes a fresh module with default settings (PReLU: one learnable slope, 0.25),
 * {@link #apply} applies the function. The factories are lambdas, not constructor references, so that naming a
 * constant (as the estimators do) loads no module class until one is built.
 */
public enum Activation {
    /** The identity, {@link Identity} (also "linear", "none"). */
    IDENTITY(() -> new Identity(), "identity", "linear", "none"),
    /** The Heaviside step of the classic perceptron, {@link Step}; passes no gradient. */
    STEP(() -> new Step(), "step", "heaviside", "threshold"),
    /** The logistic sigmoid, {@link Sigmoid} (scikit-learn's "logistic"). */
    SIGMOID(() -> new Sigmoid(), "sigmoid", "logistic"),
    /** The hyperbolic tangent, {@link Tanh}. */
    TANH(() -> new Tanh(), "tanh"),
    /** max(x, 0), {@link ReLU}. */
    RELU(() -> new ReLU(), "relu"),
    /** {@link LeakyReLU} with slope 0.01. */
    LEAKY_RELU(() -> new LeakyReLU(), "leaky_relu", "leakyrelu"),
    /** {@link dev.myelin.nn.ELU} with alpha 1. */
    ELU(() -> new dev.myelin.nn.ELU(), "elu"),
    /** Exact GELU, {@link dev.myelin.nn.GELU} with approximate "none". */
    GELU(() -> new dev.myelin.nn.GELU(), "gelu"),
    /** GELU's tanh approximation, {@link dev.myelin.nn.GELU} with approximate "tanh". */
    GELU_TANH(() -> new dev.myelin.nn.GELU("tanh"), "gelu_tanh"),
    /** x·σ(x), {@link SiLU}. */
    SILU(() -> new SiLU(), "silu"),
    /** x·tanh(softplus(x)), {@link Mish}. */
    MISH(() -> new Mish(), "mish"),
    /** {@link Hardswish}. */
    HARDSWISH(() -> new Hardswish(), "hardswish", "hard_swish"),
    /** {@link Hardsigmoid}. */
    HARDSIGMOID(() -> new Hardsigmoid(), "hardsigmoid", "hard_sigmoid"),
    /** min(max(x, 0), 6), {@link ReLU6}. */
    RELU6(() -> new ReLU6(), "relu6"),
    /** {@link dev.myelin.nn.SELU}, for self-normalizing networks. */
    SELU(() -> new dev.myelin.nn.SELU(), "selu"),
    /** {@link dev.myelin.nn.CELU} with alpha 1. */
    CELU(() -> new dev.myelin.nn.CELU(), "celu"),
    /** {@link PReLU} with one learnable slope, initialized to 0.25. */
    PRELU(() -> new PReLU(), "prelu"),
    /** x/(1 + |x|), {@link Softsign}. */
    SOFTSIGN(() -> new Softsign(), "softsign"),
    /** log σ(x), {@link LogSigmoid}. */
    LOG_SIGMOID(() -> new LogSigmoid(), "log_sigmoid", "logsigmoid"),
    /** {@link Softplus} with beta 1, threshold 20. */
    SOFTPLUS(() -> new Softplus(), "softplus"),
    /** {@link Softmax} over the last dim. */
    SOFTMAX(() -> new Softmax(), "softmax"),
    /** {@link LogSoftmax} over the last dim. */
    LOG_SOFTMAX(() -> new LogSoftmax(), "log_softmax", "logsoftmax");

    private final Supplier<Module> factory;
    private final String[] names;

    Activation(Supplier<Module> factory, String... names) {
        this.factory = factory;
        this.names = names;
    }

    /** {@return the canonical lower-case name ("relu", "leaky_relu", ...)} */
    public String key() {
        return names[0];
    }

    /** {@return a new module computing this activation with PyTorch's default settings (softmax over dim −1)} */
    public Module module() {
        return factory.get();
    }

    /**
     * Applies this activation with its default settings (through a fresh {@link #module()}; PReLU's slope is its
     * initial 0.25).
     *
     * @param x the input, any shape
     * @return the activation of x, same shape
     */
    public Tensor apply(Tensor x) {
        return module().forward(x);
    }

    /**
     * Looks an activation up by name, case-insensitively; '-' and '_' are interchangeable.
     *
     * @param name a PyTorch or scikit-learn name, e.g. {@code "relu"}, {@code "logistic"}, {@code "leaky-relu"}
     * @return the activation
     * @throws IllegalArgumentException if the name is unknown or null, listing the known names
     */
    public static Activation fromName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (Activation a : values()) for (String alias : a.names) if (alias.equals(n)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of "
                + Arrays.stream(values()).flatMap(a -> Arrays.stream(a.names)).collect(Collectors.joining(", ")));
    }
}
