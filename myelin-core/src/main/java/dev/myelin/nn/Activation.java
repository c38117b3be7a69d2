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
    IDENTITY(() -> new Identity(), "identity", "linear", "none"),
    STEP(() -> new Step(), "step", "heaviside", "threshold"),
    SIGMOID(() -> new Sigmoid(), "sigmoid", "logistic"),
    TANH(() -> new Tanh(), "tanh"),
    RELU(() -> new ReLU(), "relu"),
    LEAKY_RELU(() -> new LeakyReLU(), "leaky_relu", "leakyrelu"),
    ELU(() -> new dev.myelin.nn.ELU(), "elu"),
    GELU(() -> new dev.myelin.nn.GELU(), "gelu"),
    GELU_TANH(() -> new dev.myelin.nn.GELU("tanh"), "gelu_tanh"),
    SILU(() -> new SiLU(), "silu"),
    MISH(() -> new Mish(), "mish"),
    HARDSWISH(() -> new Hardswish(), "hardswish", "hard_swish"),
    HARDSIGMOID(() -> new Hardsigmoid(), "hardsigmoid", "hard_sigmoid"),
    RELU6(() -> new ReLU6(), "relu6"),
    SELU(() -> new dev.myelin.nn.SELU(), "selu"),
    CELU(() -> new dev.myelin.nn.CELU(), "celu"),
    PRELU(() -> new PReLU(), "prelu"),
    SOFTSIGN(() -> new Softsign(), "softsign"),
    LOG_SIGMOID(() -> new LogSigmoid(), "log_sigmoid", "logsigmoid"),
    SOFTPLUS(() -> new Softplus(), "softplus"),
    SOFTMAX(() -> new Softmax(), "softmax"),
    LOG_SOFTMAX(() -> new LogSoftmax(), "log_softmax", "logsoftmax");

    private final Supplier<Module> factory;
    private final String[] names;

    Activation(Supplier<Module> factory, String... names) {
        this.factory = factory;
        this.names = names;
    }

    /** The canonical lower-case name ("relu", "leaky_relu", ...). */
    public String key() {
        return names[0];
    }

    /** A new module computing this activation with PyTorch's default settings (softmax over dim −1). */
    public Module module() {
        return factory.get();
    }

    public Tensor apply(Tensor x) {
        return module().forward(x);
    }

    /** Looks an activation up by name, case-insensitively; '-' and '_' are interchangeable. */
    public static Activation fromName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (Activation a : values()) for (String alias : a.names) if (alias.equals(n)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of "
                + Arrays.stream(values()).flatMap(a -> Arrays.stream(a.names)).collect(Collectors.joining(", ")));
    }
}
