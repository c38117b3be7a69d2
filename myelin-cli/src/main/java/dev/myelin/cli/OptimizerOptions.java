package dev.myelin.cli;

import dev.myelin.nn.Module;
import dev.myelin.optim.CosineAnnealingLR;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.LinearLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SequentialLR;
import java.util.List;
import picocli.CommandLine.Option;

/** The optimizer and learning-rate schedule flags of {@code myelin train}. */
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

    @Option(
            names = "--lr-schedule",
            description = "constant, or cosine: decay to 0 over the run's optimizer steps (after the warm-up) "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "constant")
    String schedule;

    @Option(
            names = "--warmup",
            paramLabel = "STEPS",
            description = "Raise the learning rate linearly over the first STEPS optimizer steps "
                    + "(from lr/(STEPS+1) to lr) (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int warmup;

    Optimizer build(Module net, ModelOptions model) {
        return model.network(this).buildOptimizer(net);
    }

    /** Fails naming the flag for a schedule or warm-up that cannot be (checked before any data is read). */
    void checkSchedule() {
        if (!schedule.equals("constant") && !schedule.equals("cosine"))
            throw new IllegalArgumentException("--lr-schedule: unknown '" + schedule + "'; use constant or cosine");
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0 steps, got " + warmup);
    }

    /**
     * The schedule, stepped after every optimizer step, over a run of {@code totalSteps} optimizer steps; null for a
     * constant rate without warm-up. As PyTorch: {@code SequentialLR([LinearLR(1/(W+1), 1, W), CosineAnnealingLR(total − W)], [W])}.
     */
    LRScheduler scheduler(Optimizer opt, long totalSteps) {
        checkSchedule();
        boolean cosine = schedule.equals("cosine");
        if (warmup == 0 && !cosine) return null;
        if (cosine && warmup >= totalSteps)
            throw new IllegalArgumentException(
                    "--warmup " + warmup + " leaves no steps for the cosine decay: the run has " + totalSteps
                            + " optimizer steps (epochs x batches per epoch / --accumulate)");
        if (totalSteps > Integer.MAX_VALUE)
            throw new IllegalArgumentException(
                    "--lr-schedule: " + totalSteps + " optimizer steps are too many to schedule");
        if (warmup == 0) return new CosineAnnealingLR(opt, (int) totalSteps);
        return cosine
                ? warmupCosine(opt, warmup, (int) totalSteps)
                : new LinearLR(opt, 1.0 / (warmup + 1), 1.0, warmup);
    }

    /** A linear warm-up over {@code warmup} steps (from lr/(warmup+1) to lr), then a cosine decay to 0 at step {@code total} > warmup. */
    static LRScheduler warmupCosine(Optimizer opt, int warmup, int total) {
        LinearLR warm = new LinearLR(opt, 1.0 / (warmup + 1), 1.0, warmup);
        return new SequentialLR(opt, List.of(warm, new CosineAnnealingLR(opt, total - warmup)), new int[] {warmup});
    }
}
