package dev.myelin.optim;

import java.util.Arrays;

/**
 * Multiplies each group's learning rate by {@code gamma} at each milestone epoch, as PyTorch's MultiStepLR
 * (gamma 0.1); a milestone listed twice multiplies twice.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /**
     * MultiStepLR with PyTorch's default gamma 0.1: the rate falls tenfold at each milestone.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param milestones the epochs at which to multiply, each {@code >= 0}, in any order
     * @throws IllegalArgumentException if {@code milestones} is null or has a negative epoch
     */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    /**
     * MultiStepLR multiplying the rate by {@code gamma} at each milestone.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param milestones the epochs at which to multiply, each {@code >= 0}, in any order
     * @param gamma      the factor, finite and {@code >= 0} (PyTorch's default 0.1)
     * @throws IllegalArgumentException if {@code milestones} is null or has a negative epoch, or {@code gamma} is
     *     out of range
     */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super("MultiStepLR", optimizer);
        if (milestones == null) throw new IllegalArgumentException("MultiStepLR: milestones is null");
        for (int i = 0; i < milestones.length; i++)
            ArgumentChecks.nonNegativeInt("MultiStepLR", "milestones[" + i + "]", milestones[i]);
        this.milestones = milestones.clone();
        this.gamma = ArgumentChecks.nonNegative("MultiStepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        long hits = Arrays.stream(milestones).filter(m -> m == lastEpoch()).count();
        return hits == 0 ? current : current * Math.pow(gamma, hits);
    }
}
