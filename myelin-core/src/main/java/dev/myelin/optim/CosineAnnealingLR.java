package dev.myelin.optim;

/**
 * Cosine annealing from the base rate down to {@code etaMin} over {@code tMax} epochs (SGDR without restarts),
 * in PyTorch's recursive form, which alone gives {@code lr = etaMin + (baseLr − etaMin)·(1 + cos(π·epoch/tMax))/2}:
 * <pre>
 * lr ← etaMin + (lr − etaMin)·(1 + cos(π·e/tMax)) / (1 + cos(π·(e−1)/tMax))
 * </pre>
 * Past {@code tMax} the cosine continues, rising again, as PyTorch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * Cosine annealing down to PyTorch's default {@code etaMin} 0.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param tMax      the half period in epochs (PyTorch's {@code T_max}), {@code > 0}
     * @throws IllegalArgumentException if {@code tMax <= 0} or {@code optimizer} is null
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    /**
     * Cosine annealing from each group's base rate down to {@code etaMin} over {@code tMax} epochs.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param tMax      the half period in epochs (PyTorch's {@code T_max}), {@code > 0}
     * @param etaMin    the lowest rate (PyTorch's {@code eta_min}, default 0), finite and {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range or {@code optimizer} is null
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super("CosineAnnealingLR", optimizer);
        this.tMax = ArgumentChecks.positiveInt("CosineAnnealingLR", "tMax", tMax);
        this.etaMin = ArgumentChecks.nonNegative("CosineAnnealingLR", "etaMin", etaMin);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        int e = lastEpoch();
        if (e == 0) return current;
        // at the bottom of the cosine the ratio below is 0/0; PyTorch adds the first step up instead
        if (Math.floorMod(e - 1 - tMax, 2 * tMax) == 0)
            return current + (baseLrs()[group] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (current - etaMin)
                + etaMin;
    }
}
