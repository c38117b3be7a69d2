package dev.myelin.spark;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.train.spec.NetworkConfig;
import java.io.Serializable;
import java.util.List;

/**
 * The model every task builds: its architecture JSON (core's {@link Architecture}), input width and number of
 * outputs. Tasks build it and then load the driver's weights, so the initialization they draw never matters.
 *
 * @param json the architecture JSON
 * @param inputs the input width
 * @param outputs the output width: classes, or 1 for a regressor
 * @param classification whether the loss is cross-entropy (else mean squared error)
 */
record NetworkSpec(String json, int inputs, int outputs, boolean classification) implements Serializable {
    /** The name that selects the built-in MLP (hidden widths from the {@code hiddenLayers} parameter). */
    static final String MLP = "mlp";

    /**
     * The driver's initial model: the built-in MLP ({@code architecture} "mlp", as {@code myelin train}'s, through
     * core's {@link NetworkConfig}) or an architecture JSON, initialized from {@code gen}.
     */
    static Module initial(
            String architecture, List<Integer> hidden, String activation, int inputs, int outputs, Generator gen) {
        if (architecture == null || architecture.isBlank())
            throw new IllegalArgumentException("architecture is empty; give \"mlp\" or an architecture JSON");
        if (architecture.strip().equalsIgnoreCase(MLP))
            return new NetworkConfig(hidden, Activation.fromName(activation), 0, false, "adam", 1e-3, 0.9, 0, 1)
                    .buildModel(inputs, outputs, gen);
        if (!architecture.strip().startsWith("{"))
            throw new IllegalArgumentException("architecture: unknown '" + architecture
                    + "'; give \"mlp\" or an architecture JSON ({\"type\": ...})");
        return Architecture.fromJson(architecture, gen);
    }

    static NetworkSpec of(Module model, int inputs, int outputs, boolean classification) {
        return new NetworkSpec(Architecture.toJson(model), inputs, outputs, classification);
    }

    /** A fresh module of this architecture, its weights to be overwritten; {@code gen} seeds its dropout. */
    Module build(Generator gen) {
        return Architecture.fromJson(json, gen);
    }
}
