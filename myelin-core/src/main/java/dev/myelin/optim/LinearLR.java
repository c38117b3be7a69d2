package dev.myelin.optim;

/**
 * Scales each group's learning rate linearly from {@code startFactor} to {@code endFactor} times its base rate
 * over {@code totalIters} epochs, then keeps it: a warm-up. PyTorch's LinearLR (1/3, 1.0, 5), in its recursive
 * form: at epoch 0 {@code lr ← lr·startFactor}, then up to {@code totalIters}
 * <pre>
 * lr ← lr·(1 + (end − start) / (totalIters·start + (e − 1)·(end − start)))
 * </pre>
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor, endFactor;
    private final int totalIters;

    /**
     * LinearLR with PyTorch's defaults: from 1/3 of the base rate up to the full rate over 5 epochs.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    /**
     * LinearLR scaling each group's base rate from {@code startFactor} to {@code endFactor} over
     * {@code totalIters} epochs.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param startFactor the factor at epoch 0, in (0, 1] (PyTorch's default 1/3)
     * @param endFactor   the factor from epoch {@code totalIters} on, in [0, 1] (default 1)
     * @param totalIters  the number of epochs the change takes, {@code > 0} (default 5)
     * @throws IllegalArgumentException if an argument is out of range or {@code optimizer} is null
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super("LinearLR", optimizer);
        if (!(startFactor > 0 && startFactor <= 1))
            throw new IllegalArgumentException("LinearLR: startFactor must be in (0, 1], got " + startFactor);
        if (!(endFactor >= 0 && endFactor <= 1))
            throw new IllegalArgumentException("LinearLR: endFactor must be in [0, 1], got " + endFactor);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = ArgumentChecks.positiveInt("LinearLR", "totalIters", totalIters);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        int e = lastEpoch();
        if (e == 0) return current * startFactor;
        if (e > totalIters) return current;
        return current
                * (1 + (endFactor - startFactor) / (totalIters * startFactor + (e - 1) * (endFactor - startFactor)));
    }
}
