package dev.myelin.optim;

import java.util.Arrays;

/**
 * Multiplies each group's learning rate by {@code gamma} at each milestone epoch, as PyTorch's MultiStepLR
 * (gamma 0.1); a milestone listed twice multiplies twice.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super("MultiStepLR", optimizer);
        if (milestones == null) throw new IllegalArgumentException("MultiStepLR: milestones is null");
        for (int i = 0; i < milestones.length; i++)
            Hyper.nonNegativeInt("MultiStepLR", "milestones[" + i + "]", milestones[i]);
        this.milestones = milestones.clone();
        this.gamma = Hyper.nonNegative("MultiStepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        long hits = Arrays.stream(milestones).filter(m -> m == lastEpoch()).count();
        return hits == 0 ? current : current * Math.pow(gamma, hits);
    }
}
