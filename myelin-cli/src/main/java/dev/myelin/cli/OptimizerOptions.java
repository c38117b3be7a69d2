package dev.myelin.cli;

import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Tensor;
import picocli.CommandLine.Option;

import java.util.List;

/** The optimizer flags of {@code myelin train}. */
final class OptimizerOptions {
    @Option(names = "--optimizer", description = "adam, adamw, sgd, rmsprop, adagrad or gd (plain gradient descent) (default: ${DEFAULT-VALUE}).", defaultValue = "adam")
    String name;

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double lr;

    @Option(names = "--momentum", description = "Momentum for sgd/rmsprop (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
    double momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay (decoupled for adamw) (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double weightDecay;

    Optimizer build(List<? extends Tensor> params, ModelOptions model) {
        return model.network(this).buildOptimizer(params);
    }
}
