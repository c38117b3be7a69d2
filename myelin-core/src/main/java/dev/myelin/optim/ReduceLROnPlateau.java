package dev.myelin.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts every group's learning rate by {@code factor} when a metric has stopped improving for more than
 * {@code patience} epochs, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (mode min, factor 0.1,
 * patience 10, threshold 1e-4 relative, cooldown 0, minLr 0, eps 1e-8). Call {@link #step(double)} with
 * the validation metric once per epoch. It works on the groups' current rates, so it composes with other
 * schedulers and manual changes; as in PyTorch it does not record {@code initial_lr}.
 *
 * <p>The best metric is saved in the state dict as float32, so a reloaded scheduler compares against a
 * best value rounded to float32.
 *
 * <p>"Improving" in min mode with a relative threshold means {@code metric < best·(1 − threshold)}
 * (absolute: {@code metric < best − threshold}); max mode mirrors it. After a cut, {@code cooldown} epochs
 * pass before bad epochs are counted again. A cut smaller than {@code eps} is not applied.
 */
public final class ReduceLROnPlateau extends LRScheduler {
    /** Whether lower ({@code MIN}: a loss) or higher ({@code MAX}: accuracy) is better. */
    public enum Mode {
        /** Lower is better: the metric must fall to count as an improvement (PyTorch's {@code 'min'}). */
        MIN,
        /** Higher is better: the metric must rise to count as an improvement (PyTorch's {@code 'max'}). */
        MAX
    }

    /** Whether {@code threshold} is relative to the best value ({@code REL}) or absolute ({@code ABS}). */
    public enum ThresholdMode {
        /** Improving means beating {@code best·(1 ∓ threshold)} (PyTorch's {@code 'rel'}). */
        REL,
        /** Improving means beating {@code best ∓ threshold} (PyTorch's {@code 'abs'}). */
        ABS
    }

    private Mode mode = Mode.MIN;
    private ThresholdMode thresholdMode = ThresholdMode.REL;
    private double factor = 0.1, threshold = 1e-4, eps = 1e-8;
    private double[] minLrs;
    private int patience = 10, cooldown = 0;
    private double best = Double.POSITIVE_INFINITY;
    private int numBadEpochs, cooldownCounter;

    /**
     * A plateau scheduler with PyTorch's defaults (listed in the class comment); change them with the fluent
     * setters.
     *
     * @param optimizer the optimizer whose groups' learning rates it cuts
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        super("ReduceLROnPlateau", optimizer, false);
        minLrs = new double[optimizer.paramGroups().size()];
        lastEpoch(0);
    }

    /**
     * Sets whether lower or higher is better (default {@link Mode#MIN}); resets the best value seen.
     *
     * @param mode {@code MIN} for a loss, {@code MAX} for e.g. accuracy
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if null
     */
    public ReduceLROnPlateau mode(Mode mode) {
        if (mode == null)
            throw new IllegalArgumentException("ReduceLROnPlateau: mode is null; use Mode.MIN or Mode.MAX");
        this.mode = mode;
        this.best = worst();
        return this;
    }

    /**
     * Sets the factor of a cut: new lr = lr·factor (default 0.1).
     *
     * @param factor in [0, 1)
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public ReduceLROnPlateau factor(double factor) {
        this.factor = ArgumentChecks.unitInterval(name(), "factor", factor);
        return this;
    }

    /**
     * Sets how many epochs without improvement are tolerated; the rate is cut on the next one (default 10).
     *
     * @param patience {@code >= 0}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = ArgumentChecks.nonNegativeInt(name(), "patience", patience);
        return this;
    }

    /**
     * Sets the least change that counts as an improvement (default 1e-4, relative unless
     * {@link #thresholdMode} is ABS).
     *
     * @param threshold finite and {@code >= 0}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public ReduceLROnPlateau threshold(double threshold) {
        this.threshold = ArgumentChecks.nonNegative(name(), "threshold", threshold);
        return this;
    }

    /**
     * Sets whether the threshold is relative to the best value or absolute (default {@link ThresholdMode#REL}).
     *
     * @param thresholdMode {@code REL} or {@code ABS}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if null
     */
    public ReduceLROnPlateau thresholdMode(ThresholdMode thresholdMode) {
        if (thresholdMode == null)
            throw new IllegalArgumentException("ReduceLROnPlateau: thresholdMode is null; use REL or ABS");
        this.thresholdMode = thresholdMode;
        return this;
    }

    /**
     * Sets how many epochs after a cut pass before bad epochs are counted again (default 0).
     *
     * @param cooldown {@code >= 0}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if negative
     */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = ArgumentChecks.nonNegativeInt(name(), "cooldown", cooldown);
        return this;
    }

    /**
     * Sets the lowest rate a cut may reach (PyTorch's {@code min_lr}, default 0).
     *
     * @param minLr one value for all groups, or one per group; each finite and {@code >= 0}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if the count does not match or a value is out of range
     */
    public ReduceLROnPlateau minLr(double... minLr) {
        double[] v = ArgumentChecks.perGroup(name(), "minLr", minLr, minLrs.length);
        for (int i = 0; i < v.length; i++) ArgumentChecks.nonNegative(name(), "minLr", v[i]);
        this.minLrs = v;
        return this;
    }

    /**
     * Sets the smallest cut that is applied: a change of the rate by {@code eps} or less is skipped (default 1e-8).
     *
     * @param eps finite and {@code >= 0}
     * @return this scheduler, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public ReduceLROnPlateau eps(double eps) {
        this.eps = ArgumentChecks.nonNegative(name(), "eps", eps);
        return this;
    }

    /** Always fails: this schedule needs the metric; call {@link #step(double)}. */
    @Override
    public void step() {
        throw new IllegalStateException(
                "ReduceLROnPlateau.step() needs the monitored metric: call step(metric), e.g. step(validationLoss)");
    }

    @Override
    public void step(double metric) {
        if (Double.isNaN(metric)) throw new IllegalArgumentException("ReduceLROnPlateau.step: metric is NaN");
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs during cooldown do not count
        }
        List<ParamGroup> groups = groups();
        double[] lrs = new double[groups.size()];
        for (int i = 0; i < lrs.length; i++) lrs[i] = groups.get(i).lr();
        if (numBadEpochs > patience) {
            for (int i = 0; i < lrs.length; i++) {
                double cut = Math.max(lrs[i] * factor, minLrs[i]);
                if (lrs[i] - cut > eps) lrs[i] = cut;
            }
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastEpoch(lastEpoch() + 1);
        setLrs(lrs);
    }

    private boolean isBetter(double a) {
        boolean rel = thresholdMode == ThresholdMode.REL;
        if (mode == Mode.MIN) return rel ? a < best * (1 - threshold) : a < best - threshold;
        return rel ? a > best * (1 + threshold) : a > best + threshold;
    }

    private double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** {@return the best metric seen so far (+∞ in MIN mode, −∞ in MAX mode before the first step)} */
    public double best() {
        return best;
    }

    /** {@return the number of epochs since the last improvement (or cut, or cooldown)} */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    @Override
    protected Map<String, Double> extraState() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("best", best);
        m.put("num_bad_epochs", (double) numBadEpochs);
        m.put("cooldown_counter", (double) cooldownCounter);
        return m;
    }

    @Override
    protected void checkExtraState(Map<String, Double> v) {
        for (String k : new String[] {"num_bad_epochs", "cooldown_counter"}) {
            double x = v.get(k);
            if (x < 0 || x != Math.rint(x))
                throw new IllegalArgumentException(
                        name() + ".loadStateDict: key '" + k + "' must be a whole number >= 0, got " + x);
        }
        if (Double.isNaN(v.get("best")))
            throw new IllegalArgumentException(name() + ".loadStateDict: key 'best' is NaN");
    }

    @Override
    protected void setExtraState(Map<String, Double> v) {
        best = v.get("best");
        numBadEpochs = v.get("num_bad_epochs").intValue();
        cooldownCounter = v.get("cooldown_counter").intValue();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ReduceLROnPlateau(mode=%s, factor=%s, patience=%d, best=%s, lr=%s)",
                mode,
                factor,
                patience,
                best,
                (float) optimizer.learningRate());
    }
}
