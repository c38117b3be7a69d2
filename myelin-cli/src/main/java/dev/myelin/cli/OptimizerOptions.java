package dev.myelin.cli;

import dev.myelin.optim.Adagrad;
import dev.myelin.optim.Adam;
import dev.myelin.optim.AdamW;
import dev.myelin.optim.GradientDescent;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.RMSprop;
import dev.myelin.optim.SGD;
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

    Optimizer build(List<? extends Tensor> params) {
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive, got " + lr);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> new Adam(params, lr).weightDecay(weightDecay);
            case "adamw" -> new AdamW(params, lr).weightDecay(weightDecay);
            case "sgd" -> new SGD(params, lr).momentum(momentum).weightDecay(weightDecay);
            case "rmsprop" -> new RMSprop(params, lr).weightDecay(weightDecay);
            case "adagrad" -> new Adagrad(params, lr).weightDecay(weightDecay);
            case "gd" -> new GradientDescent(params, lr);
            default -> throw new IllegalArgumentException("--optimizer: unknown '" + name + "'; use adam, adamw, sgd, rmsprop, adagrad or gd");
        };
    }
}
