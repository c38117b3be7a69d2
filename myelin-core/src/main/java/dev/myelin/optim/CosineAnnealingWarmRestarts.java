package dev.myelin.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov &amp; Hutter), as PyTorch's CosineAnnealingWarmRestarts:
 * {@code lr = etaMin + (baseLr − etaMin)·(1 + cos(π·tCur/tI))/2}, where {@code tCur} counts epochs since the last
 * restart and the period {@code tI} starts at {@code t0} and is multiplied by {@code tMult} at each restart.
 * Like PyTorch's, it starts from the base rate each step (not chainable). Steps are whole epochs.
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private final int t0, tMult;
    private final double etaMin;
    private int tI, tCur;

    /**
     * Warm restarts every {@code t0} epochs with PyTorch's defaults: the period stays {@code t0} ({@code tMult}
     * 1), down to {@code etaMin} 0.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param t0        epochs until the first restart (PyTorch's {@code T_0}), {@code > 0}
     * @throws IllegalArgumentException if {@code t0 <= 0} or {@code optimizer} is null
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, t0, 1, 0);
    }

    /**
     * Warm restarts with a period that starts at {@code t0} and grows by the factor {@code tMult} at each restart.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param t0        epochs until the first restart (PyTorch's {@code T_0}), {@code > 0}
     * @param tMult     the factor the period grows by at each restart (PyTorch's {@code T_mult}, default 1),
     *     {@code >= 1}
     * @param etaMin    the lowest rate (PyTorch's {@code eta_min}, default 0), finite and {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range or {@code optimizer} is null
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        super("CosineAnnealingWarmRestarts", optimizer);
        this.t0 = ArgumentChecks.positiveInt(name(), "t0", t0);
        if (tMult < 1) throw new IllegalArgumentException(name() + ": tMult must be an integer >= 1, got " + tMult);
        this.tMult = tMult;
        this.etaMin = ArgumentChecks.nonNegative(name(), "etaMin", etaMin);
        this.tI = t0;
        initialStep();
    }

    @Override
    public void step() {
        if (lastEpoch() >= 0 && ++tCur >= tI) {
            tCur -= tI;
            tI *= tMult;
        }
        super.step();
    }

    @Override
    void restart() {
        tI = t0;
        tCur = 0;
        super.restart();
    }

    @Override
    protected double lr(int group, double current) {
        return etaMin + (baseLrs()[group] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    @Override
    protected Map<String, Double> extraState() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("T_i", (double) tI);
        m.put("T_cur", (double) tCur);
        return m;
    }

    @Override
    protected void checkExtraState(Map<String, Double> v) {
        double ti = v.get("T_i"), tc = v.get("T_cur");
        if (!(ti >= 1 && ti == Math.rint(ti)) || !(tc >= 0 && tc < ti && tc == Math.rint(tc)))
            throw new IllegalArgumentException(
                    name() + ".loadStateDict: T_i must be a whole number >= 1 and T_cur one in [0, T_i), got T_i=" + ti
                            + " T_cur=" + tc);
    }

    @Override
    protected void setExtraState(Map<String, Double> v) {
        tI = v.get("T_i").intValue();
        tCur = v.get("T_cur").intValue();
    }
}
