package dev.myelin.optim;

/** Multiplies each group's learning rate by {@code gamma} every epoch (alone: {@code lr = baseLr·gamma^epoch}). */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super("ExponentialLR", optimizer);
        this.gamma = Hyper.nonNegative("ExponentialLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        return lastEpoch() == 0 ? current : current * gamma;
    }
}
