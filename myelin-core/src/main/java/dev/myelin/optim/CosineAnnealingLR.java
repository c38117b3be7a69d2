package dev.myelin.optim;

/**
 * Cosine annealing from the base rate down to {@code etaMin} over {@code tMax} epochs (SGDR without restarts):
 * {@code lr = etaMin + (baseLr − etaMin)·(1 + cos(π·epoch/tMax))/2}. Past {@code tMax} the cosine continues,
 * rising again, as PyTorch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super("CosineAnnealingLR", optimizer);
        this.tMax = Hyper.positiveInt("CosineAnnealingLR", "tMax", tMax);
        this.etaMin = Hyper.nonNegative("CosineAnnealingLR", "etaMin", etaMin);
    }

    @Override
    protected double lr(int epoch) {
        return etaMin + (baseLr() - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
