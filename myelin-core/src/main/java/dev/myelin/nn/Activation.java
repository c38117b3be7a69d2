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
 * {@link #apply} applies the function.
 */
public enum Activation {
    IDENTITY(Identity::new, "identity", "linear", "none"),
    STEP(Step::new, "step", "heaviside", "threshold"),
    SIGMOID(Sigmoid::new, "sigmoid", "logistic"),
    TANH(Tanh::new, "tanh"),
    RELU(ReLU::new, "relu"),
    LEAKY_RELU(LeakyReLU::new, "leaky_relu", "leakyrelu"),
    ELU(dev.myelin.nn.ELU::new, "elu"),
    GELU(dev.myelin.nn.GELU::new, "gelu"),
    GELU_TANH(() -> new dev.myelin.nn.GELU("tanh"), "gelu_tanh"),
    SILU(SiLU::new, "silu"),
    MISH(Mish::new, "mish"),
    HARDSWISH(Hardswish::new, "hardswish", "hard_swish"),
    HARDSIGMOID(Hardsigmoid::new, "hardsigmoid", "hard_sigmoid"),
    RELU6(ReLU6::new, "relu6"),
    SELU(dev.myelin.nn.SELU::new, "selu"),
    CELU(dev.myelin.nn.CELU::new, "celu"),
    PRELU(PReLU::new, "prelu"),
    SOFTSIGN(Softsign::new, "softsign"),
    LOG_SIGMOID(LogSigmoid::new, "log_sigmoid", "logsigmoid"),
    SOFTPLUS(Softplus::new, "softplus"),
    SOFTMAX(Softmax::new, "softmax"),
    LOG_SOFTMAX(LogSoftmax::new, "log_softmax", "logsoftmax");

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
            for (Activation a : values())
                for (String alias : a.names)
                    if (alias.equals(n)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of "
                + Arrays.stream(values()).flatMap(a -> Arrays.stream(a.names)).collect(Collectors.joining(", ")));
    }
}
