package dev.myelin.train.spec;

import dev.myelin.nn.Activation;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.StateShapes;
import dev.myelin.optim.Adagrad;
import dev.myelin.optim.Adam;
import dev.myelin.optim.AdamW;
import dev.myelin.optim.GradientDescent;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.RMSprop;
import dev.myelin.optim.SGD;
import dev.myelin.optim.WeightDecayGroups;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The network and optimizer factories of a run: a multilayer perceptron and its optimizer, as {@code myelin train}
 * builds them from its flags and {@code myelin tune} (through {@code tune.objective.NetworkConfigs}) from a trial's
 * configuration. Names (all optional; missing ones take the defaults of {@code myelin train}):
 * <ul>
 * <li>{@code hidden} (list of widths) or {@code depth} and {@code width} (depth layers of equal width);
 * default [256, 128]</li>
 * <li>{@code activation} (relu), {@code dropout} (0), {@code batchNorm} (false)</li>
 * <li>{@code optimizer}: adam, adamw, sgd, rmsprop, adagrad or gd (adam); {@code lr} (1e-3),
 * {@code momentum} (0.9, for sgd), {@code weightDecay} (0)</li>
 * <li>{@code batchSize} (128)</li>
 * </ul>
 *
 * @param hidden the hidden layers' widths, each at least 1
 * @param activation the hidden activation
 * @param dropout dropout probability after each hidden activation, in [0, 1)
 * @param batchNorm whether a BatchNorm1d follows each hidden linear layer
 * @param optimizer adam, adamw, sgd, rmsprop, adagrad or gd
 * @param lr the learning rate, positive and finite
 * @param momentum sgd's momentum
 * @param weightDecay L2 weight decay (decoupled for adamw), at least 0
 * @param batchSize examples per batch, at least 1
 */
public record NetworkConfig(
        List<Integer> hidden,
        Activation activation,
        double dropout,
        boolean batchNorm,
        String optimizer,
        double lr,
        double momentum,
        double weightDecay,
        int batchSize) {

    /** Every name a configuration of this record may use. */
    public static final Set<String> NAMES = Set.of(
            "hidden",
            "depth",
            "width",
            "activation",
            "dropout",
            "batchNorm",
            "optimizer",
            "lr",
            "momentum",
            "weightDecay",
            "batchSize");

    /** The names that shape the MLP itself; a search over a fixed model (a CNN) has no use for them. */
    public static final Set<String> MLP_NAMES =
            Set.of("hidden", "depth", "width", "activation", "dropout", "batchNorm");

    /** The defaults of {@code myelin train}: 256,128 relu, adam, lr 1e-3, batch size 128. */
    public static final NetworkConfig DEFAULTS =
            new NetworkConfig(List.of(256, 128), Activation.RELU, 0, false, "adam", 1e-3, 0.9, 0, 128);

    /** Checks every setting, naming it and the value given. */
    public NetworkConfig {
        hidden = List.copyOf(hidden);
        for (int h : hidden)
            if (h < 1) throw new IllegalArgumentException("hidden: layer widths must be >= 1, got " + hidden);
        if (!(dropout >= 0 && dropout < 1))
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (!(lr > 0) || Double.isInfinite(lr))
            throw new IllegalArgumentException("lr must be positive and finite, got " + lr);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        if (!List.of("adam", "adamw", "sgd", "rmsprop", "adagrad", "gd").contains(optimizer))
            throw new IllegalArgumentException(
                    "optimizer: unknown '" + optimizer + "'; use adam, adamw, sgd, rmsprop, adagrad or gd");
    }

    /**
     * Linear → [BatchNorm1d] → activation → [Dropout] per hidden layer, then a linear output layer; without
     * dropout and batch norm this is the course's {@link MLP} (parameter names {@code model.0.weight}, ...).
     *
     * @param inputs features per example
     * @param outputs classes, or regression targets
     * @param gen the source of the initial weights (and of dropout's masks)
     * @return the model
     */
    public Module buildModel(int inputs, int outputs, Generator gen) {
        stateShapes(inputs, outputs)
                .requireFits("the mlp " + inputs + "-"
                        + hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")) + "-"
                        + outputs);
        if (dropout == 0 && !batchNorm) return new MLP(inputs, hidden, outputs, activation, gen);
        List<Module> layers = new ArrayList<>();
        int prev = inputs;
        for (int h : hidden) {
            layers.add(new Linear(prev, h, true, gen));
            if (batchNorm) layers.add(new BatchNorm1d(h));
            layers.add(activation.module());
            if (dropout > 0) layers.add(new Dropout(dropout, gen));
            prev = h;
        }
        layers.add(new Linear(prev, outputs, true, gen));
        return new Sequential(layers);
    }

    /** The weights {@link #buildModel} allocates, by size only (for the memory check before it does). */
    private StateShapes stateShapes(int inputs, int outputs) {
        StateShapes s = new StateShapes();
        int prev = inputs, i = 0;
        for (int h : hidden) {
            s.add("linear" + i + ".weight", h, prev).add("linear" + i + ".bias", h);
            if (batchNorm)
                s.add("norm" + i + ".weight", h)
                        .add("norm" + i + ".bias", h)
                        .add("norm" + i + ".running_mean", h)
                        .add("norm" + i + ".running_var", h);
            prev = h;
            i++;
        }
        return s.add("output.weight", outputs, prev).add("output.bias", outputs);
    }

    /**
     * The optimizer for all of {@code model}'s parameters; adamw decays only the weight matrices, not biases, norms or
     * embeddings ({@link WeightDecayGroups}, as minGPT), the others treat every parameter alike.
     *
     * @param model the model to optimize
     * @return the optimizer
     */
    public Optimizer buildOptimizer(Module model) {
        if (optimizer.equals("adamw"))
            return new AdamW(WeightDecayGroups.of(model, weightDecay), lr).weightDecay(weightDecay);
        return buildOptimizer(model.parameters());
    }

    /**
     * The optimizer over {@code params}, every one with the same settings.
     *
     * @param params the parameters to optimize
     * @return the optimizer
     */
    public Optimizer buildOptimizer(List<? extends Tensor> params) {
        return switch (optimizer) {
            case "adam" -> new Adam(params, lr).weightDecay(weightDecay);
            case "adamw" -> new AdamW(params, lr).weightDecay(weightDecay);
            case "sgd" -> new SGD(params, lr).momentum(momentum).weightDecay(weightDecay);
            case "rmsprop" -> new RMSprop(params, lr).weightDecay(weightDecay);
            case "adagrad" -> new Adagrad(params, lr).weightDecay(weightDecay);
            case "gd" -> new GradientDescent(params, lr);
            default -> throw new IllegalStateException("unreachable: " + optimizer);
        };
    }
}
