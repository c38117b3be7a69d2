package dev.myelin.spark;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.train.spec.NetworkConfig;
import java.io.Serializable;
import java.util.List;

/**
 * What a distributed run trains with: the optimizer (core's {@link NetworkConfig} builds it, as in {@code myelin
 * tune}), the global batch size, epochs, seed and the {@link TrainingMode}. Shipped to the executors, so it holds
 * plain values only.
 *
 * @param optimizer  the optimizer's name: adam, adamw, sgd, rmsprop, adagrad or gd
 * @param lr         the learning rate, &gt; 0
 * @param momentum   sgd's momentum
 * @param weightDecay the weight decay, &gt;= 0
 * @param batchSize  the global batch: in SYNC mode one step's examples over all partitions; in AVERAGING mode each
 *                   of P partitions takes batchSize / P examples per local step
 * @param epochs     the passes over the data, &gt;= 1
 * @param seed       the seed of initialization, data order and dropout
 * @param mode       how the partitions train together
 * @param localSteps AVERAGING: local steps between two averagings
 */
public record TrainingSettings(
        String optimizer,
        double lr,
        double momentum,
        double weightDecay,
        int batchSize,
        int epochs,
        long seed,
        TrainingMode mode,
        int localSteps)
        implements Serializable {
    /**
     * Checks the settings on the driver, before any task starts.
     *
     * @throws IllegalArgumentException if epochs or localSteps is &lt; 1, the mode is null, or the optimizer
     *     settings are invalid (as core's {@link NetworkConfig} checks them)
     */
    public TrainingSettings {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (localSteps < 1) throw new IllegalArgumentException("localSteps must be >= 1, got " + localSteps);
        if (mode == null) throw new IllegalArgumentException("mode is null; use SYNC or AVERAGING");
        network(optimizer, lr, momentum, weightDecay, batchSize); // validates them now, on the driver
    }

    /** Core's network configuration for these optimizer settings. */
    private static NetworkConfig network(
            String optimizer, double lr, double momentum, double weightDecay, int batchSize) {
        return new NetworkConfig(List.of(), Activation.RELU, 0, false, optimizer, lr, momentum, weightDecay, batchSize);
    }

    /** The optimizer over {@code model}'s parameters. */
    Optimizer optimizer(Module model) {
        return network(optimizer, lr, momentum, weightDecay, batchSize).buildOptimizer(model);
    }
}
