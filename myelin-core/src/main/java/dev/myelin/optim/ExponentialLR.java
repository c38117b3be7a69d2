package dev.myelin.optim;

/** Multiplies the learning rate by {@code gamma} every epoch: {@code lr = baseLr·gamma^epoch}. */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super("ExponentialLR", optimizer);
        this.gamma = Hyper.nonNegative("ExponentialLR", "gamma", gamma);
    }

    @Override
    protected double lr(int epoch) {
        return baseLr() * Math.pow(gamma, epoch);
    }
}
