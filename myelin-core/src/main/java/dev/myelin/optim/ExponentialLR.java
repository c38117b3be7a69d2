package dev.myelin.optim;

/** Multiplies each group's learning rate by {@code gamma} every epoch (alone: {@code lr = baseLr·gamma^epoch}). */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /**
     * ExponentialLR multiplying the rate by {@code gamma} every epoch (PyTorch's has no default gamma either).
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param gamma     the factor per epoch, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code gamma} is out of range or {@code optimizer} is null
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super("ExponentialLR", optimizer);
        this.gamma = ArgumentChecks.nonNegative("ExponentialLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        return lastEpoch() == 0 ? current : current * gamma;
    }
}
