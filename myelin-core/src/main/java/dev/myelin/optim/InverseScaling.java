package dev.myelin.optim;

/**
 * scikit-learn's {@code learning_rate='invscaling'}: {@code lr = lr0 / t^powerT}, with {@code t = epoch + 1}
 * (t is 1 at construction, so the first rate is lr0). powerT defaults to 0.5 as in scikit-learn.
 */
public final class InverseScaling extends LRScheduler {
    private final double powerT;

    public InverseScaling(Optimizer optimizer) {
        this(optimizer, 0.5);
    }

    public InverseScaling(Optimizer optimizer, double powerT) {
        super("InverseScaling", optimizer);
        this.powerT = Hyper.finite("InverseScaling", "powerT", powerT);
    }

    @Override
    protected double lr(int epoch) {
        return baseLr() / Math.pow(epoch + 1, powerT);
    }
}
