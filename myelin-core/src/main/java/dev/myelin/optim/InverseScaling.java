package dev.myelin.optim;

/**
 * scikit-learn's {@code learning_rate='invscaling'}: alone, {@code lr = lr0 / t^powerT} with {@code t = epoch + 1}
 * (t is 1 at construction, so the first rate is lr0); chainable like PyTorch's schedulers, each step multiplies
 * the current rate by {@code (t−1)^powerT / t^powerT}. powerT defaults to 0.5 as in scikit-learn.
 */
public final class InverseScaling extends LRScheduler {
    private final double powerT;

    /**
     * Inverse scaling with scikit-learn's default exponent, powerT 0.5; sets each group's {@code initial_lr}.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets
     */
    public InverseScaling(Optimizer optimizer) {
        this(optimizer, 0.5);
    }

    /**
     * Inverse scaling {@code lr0 / t^powerT}; sets each group's {@code initial_lr}.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets
     * @param powerT    the exponent (scikit-learn's {@code power_t}), any finite value
     * @throws IllegalArgumentException if {@code powerT} is not finite
     */
    public InverseScaling(Optimizer optimizer, double powerT) {
        super("InverseScaling", optimizer);
        this.powerT = ArgumentChecks.finite("InverseScaling", "powerT", powerT);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        int e = lastEpoch();
        return e == 0 ? current : current * Math.pow((double) e / (e + 1), powerT);
    }
}
