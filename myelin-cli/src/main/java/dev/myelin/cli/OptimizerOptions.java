package dev.myelin.cli;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import picocli.CommandLine.Option;

/** The optimizer flags of {@code myelin train} (the learning-rate schedule is a run setting: {@link RunOptions}). */
final class OptimizerOptions {
    @Option(
            names = "--optimizer",
            description =
                    "adam, adamw, sgd, rmsprop, adagrad or gd (plain gradient descent); adamw decays weight matrices "
                            + "only, not biases, norms or embeddings (default: ${DEFAULT-VALUE}).",
            defaultValue = "adam")
    String name;

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double lr;

    @Option(
            names = "--momentum",
            description = "Momentum for sgd/rmsprop (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.9")
    double momentum;

    @Option(
            names = "--weight-decay",
            description = "L2 weight decay (decoupled for adamw) (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double weightDecay;

    Optimizer build(Module net, ModelOptions model) {
        return model.network(this).buildOptimizer(net);
    }
}
