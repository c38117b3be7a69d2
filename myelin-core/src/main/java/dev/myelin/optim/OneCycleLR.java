package dev.myelin.optim;

import java.util.List;

/**
 * The 1cycle policy (Smith &amp; Topin), as PyTorch's OneCycleLR: per batch, the rate rises from
 * {@code maxLr/divFactor} to {@code maxLr} over the first {@code pctStart} of {@code totalSteps}, then falls to
 * {@code maxLr/(divFactor·finalDivFactor)}; momentum (SGD/RMSprop's {@code momentum}, or Adam's {@code beta1})
 * moves the opposite way between {@code maxMomentum} and {@code baseMomentum}. With {@code threePhase} the rate
 * comes back down to its start before falling further, as in fastai. Not chainable, like PyTorch's: it sets the
 * groups' {@code initial_lr} to {@code maxLr/divFactor} and computes every rate from its anchors.
 * <pre>{@code
 * var schedule = OneCycleLR.builder(optimizer, 0.1).epochs(10, loader.numBatches()).build(); // step() after each batch
 * }</pre>
 */
public final class OneCycleLR extends LRScheduler {
    /** How a phase goes from its start value to its end value. */
    public enum AnnealStrategy {
        /** Half a cosine: {@code end + (start − end)·(1 + cos(π·pct))/2}. */
        COS,
        /** A straight line. */
        LINEAR;

        double anneal(double start, double end, double pct) {
            return this == COS
                    ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1)
                    : (end - start) * pct + start;
        }
    }

    /** A phase ends at {@code endStep}; lr anchors 0 = initial, 1 = max, 2 = min; momentum at max or base. */
    private record Phase(double endStep, int startLr, int endLr, boolean startMaxMomentum, boolean endMaxMomentum) {}

    private final int totalSteps;
    private final AnnealStrategy annealStrategy;
    private final boolean cycleMomentum, useBeta1;
    private final double[][] lrAnchors; // [initial, max, min][group]
    private final double[] maxMomentum, baseMomentum;
    private final List<Phase> phases;

    /**
     * A schedule of {@code totalSteps} steps peaking at {@code maxLr}, with PyTorch's other defaults (pctStart
     * 0.3, cosine annealing, momentum cycled between 0.85 and 0.95, divFactor 25, finalDivFactor 1e4, two phases).
     * Stepping more than {@code totalSteps} times fails with IllegalStateException, as PyTorch's.
     *
     * @param optimizer  the optimizer whose groups' rates (and momentum or beta1) it sets; it must have
     *     {@code momentum} or {@code betas}, else use the builder with {@code cycleMomentum(false)}
     * @param maxLr      the peak learning rate of every group, finite and {@code >= 0}
     * @param totalSteps the number of {@link #step()} calls in the whole schedule, {@code > 0}
     * @throws IllegalArgumentException if an argument is out of range, or the optimizer has no momentum to cycle
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(builder(optimizer, maxLr).totalSteps(totalSteps));
    }

    private OneCycleLR(Builder b) {
        super("OneCycleLR", prepare(b));
        Optimizer optimizer = b.optimizer;
        int groups = optimizer.paramGroups().size();
        this.totalSteps = b.totalSteps;
        this.annealStrategy = b.annealStrategy;
        this.cycleMomentum = b.cycleMomentum;
        this.useBeta1 = optimizer.hasSetting("betas");
        double[] max = ArgumentChecks.perGroup(name(), "maxLr", b.maxLr, groups),
                initial = new double[groups],
                min = new double[groups];
        for (int i = 0; i < groups; i++) {
            initial[i] = max[i] / b.divFactor;
            min[i] = initial[i] / b.finalDivFactor;
        }
        this.lrAnchors = new double[][] {initial, max, min};
        this.maxMomentum = ArgumentChecks.perGroup(name(), "maxMomentum", b.maxMomentum, groups);
        this.baseMomentum = ArgumentChecks.perGroup(name(), "baseMomentum", b.baseMomentum, groups);
        double warm = b.pctStart * totalSteps;
        this.phases = b.threePhase
                ? List.of(
                        new Phase(warm - 1, 0, 1, true, false),
                        new Phase(2 * warm - 2, 1, 0, false, true),
                        new Phase(totalSteps - 1, 0, 2, true, true))
                : List.of(new Phase(warm - 1, 0, 1, true, false), new Phase(totalSteps - 1, 1, 2, false, true));
        initialStep();
    }

    /** Validates the builder, then sets each group's initial_lr as PyTorch's constructor does (before the base reads it). */
    private static Optimizer prepare(Builder b) {
        Optimizer optimizer = b.optimizer;
        if (b.totalSteps <= 0)
            throw new IllegalArgumentException(
                    "OneCycleLR: set totalSteps(n) or epochs(epochs, stepsPerEpoch), each > 0");
        if (b.cycleMomentum && !optimizer.hasSetting("momentum") && !optimizer.hasSetting("betas"))
            throw new IllegalArgumentException(
                    "OneCycleLR: " + optimizer.name() + " has neither momentum nor betas; use cycleMomentum(false)");
        int groups = optimizer.paramGroups().size();
        double[] max = ArgumentChecks.perGroup("OneCycleLR", "maxLr", b.maxLr, groups);
        ArgumentChecks.perGroup("OneCycleLR", "maxMomentum", b.maxMomentum, groups); // checked before any group changes
        ArgumentChecks.perGroup("OneCycleLR", "baseMomentum", b.baseMomentum, groups);
        for (int i = 0; i < groups; i++) ArgumentChecks.nonNegative("OneCycleLR", "maxLr[" + i + "]", max[i]);
        for (int i = 0; i < groups; i++) optimizer.paramGroups().get(i).initialLr(max[i] / b.divFactor);
        return optimizer;
    }

    @Override
    protected double lr(int group, double current) {
        int step = lastEpoch();
        if (step > totalSteps)
            throw new IllegalStateException(
                    "OneCycleLR: tried to step " + (step + 1) + " times; totalSteps is " + totalSteps);
        double start = 0;
        for (int k = 0; k < phases.size(); k++) {
            Phase p = phases.get(k);
            if (step <= p.endStep() || k == phases.size() - 1) {
                double pct = (step - start) / (p.endStep() - start);
                if (cycleMomentum)
                    setMomentum(
                            group,
                            annealStrategy.anneal(
                                    momentum(group, p.startMaxMomentum()), momentum(group, p.endMaxMomentum()), pct));
                return annealStrategy.anneal(lrAnchors[p.startLr()][group], lrAnchors[p.endLr()][group], pct);
            }
            start = p.endStep();
        }
        throw new AssertionError("the last phase always matches");
    }

    private double momentum(int group, boolean max) {
        return max ? maxMomentum[group] : baseMomentum[group];
    }

    private void setMomentum(int group, double m) {
        ParamGroup g = optimizer.paramGroups().get(group);
        if (useBeta1) g.set("betas", m, g.values("betas")[1]);
        else g.set("momentum", m);
    }

    /** {@return the number of steps in the whole schedule} */
    public int totalSteps() {
        return totalSteps;
    }

    /**
     * Starts a schedule peaking at {@code maxLr}; set its length with {@link Builder#totalSteps} or
     * {@link Builder#epochs}, then {@link Builder#build()}.
     *
     * @param optimizer the optimizer whose groups' rates (and momentum or beta1) it sets
     * @param maxLr     the peak learning rate: one value for every group, or one per group
     * @return a builder with PyTorch's defaults
     * @throws IllegalArgumentException if {@code optimizer} is null or {@code maxLr} is empty
     */
    public static Builder builder(Optimizer optimizer, double... maxLr) {
        if (optimizer == null) throw new IllegalArgumentException("OneCycleLR: optimizer is null");
        return new Builder(optimizer, maxLr);
    }

    /** OneCycleLR's settings, with PyTorch's defaults; {@code maxLr} and a length (totalSteps or epochs) are required. */
    public static final class Builder {
        private final Optimizer optimizer;
        private final double[] maxLr;
        private int totalSteps;
        private double pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4;
        private double[] baseMomentum = {0.85}, maxMomentum = {0.95};
        private AnnealStrategy annealStrategy = AnnealStrategy.COS;
        private boolean cycleMomentum = true, threePhase;

        private Builder(Optimizer optimizer, double[] maxLr) {
            this.optimizer = optimizer;
            if (maxLr == null || maxLr.length == 0)
                throw new IllegalArgumentException("OneCycleLR: maxLr is empty; give one value or one per group");
            this.maxLr = maxLr.clone();
        }

        /**
         * Sets the schedule's length in steps (PyTorch's {@code total_steps}).
         *
         * @param totalSteps the number of {@link OneCycleLR#step()} calls, {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code totalSteps <= 0}
         */
        public Builder totalSteps(int totalSteps) {
            this.totalSteps = ArgumentChecks.positiveInt("OneCycleLR", "totalSteps", totalSteps);
            return this;
        }

        /**
         * Sets the schedule's length as {@code epochs·stepsPerEpoch} steps, as PyTorch's {@code epochs} and
         * {@code steps_per_epoch}.
         *
         * @param epochs        the number of epochs, {@code > 0}
         * @param stepsPerEpoch the number of batches per epoch, {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if either is {@code <= 0}
         * @throws ArithmeticException if the product overflows an int
         */
        public Builder epochs(int epochs, int stepsPerEpoch) {
            ArgumentChecks.positiveInt("OneCycleLR", "epochs", epochs);
            ArgumentChecks.positiveInt("OneCycleLR", "stepsPerEpoch", stepsPerEpoch);
            return totalSteps(Math.multiplyExact(epochs, stepsPerEpoch));
        }

        /**
         * Sets the fraction of the steps spent raising the rate (default 0.3).
         *
         * @param pctStart in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder pctStart(double pctStart) {
            if (!(pctStart >= 0 && pctStart <= 1))
                throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + pctStart);
            this.pctStart = pctStart;
            return this;
        }

        /**
         * Sets how each phase moves between its anchors (default {@link AnnealStrategy#COS}).
         *
         * @param annealStrategy {@code COS} or {@code LINEAR}
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder annealStrategy(AnnealStrategy annealStrategy) {
            if (annealStrategy == null)
                throw new IllegalArgumentException("OneCycleLR: annealStrategy is null; use COS or LINEAR");
            this.annealStrategy = annealStrategy;
            return this;
        }

        /**
         * Sets whether momentum (or Adam's beta1) moves inversely to the rate (default true); turn it off for an
         * optimizer without momentum.
         *
         * @param cycleMomentum whether to cycle momentum
         * @return this builder
         */
        public Builder cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /**
         * Sets the momentum at the peak rate (default 0.85).
         *
         * @param baseMomentum one value or one per group, each in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if empty or out of range
         */
        public Builder baseMomentum(double... baseMomentum) {
            this.baseMomentum = momenta("baseMomentum", baseMomentum);
            return this;
        }

        /**
         * Sets the momentum at the lowest rates, at the start and the end (default 0.95).
         *
         * @param maxMomentum one value or one per group, each in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if empty or out of range
         */
        public Builder maxMomentum(double... maxMomentum) {
            this.maxMomentum = momenta("maxMomentum", maxMomentum);
            return this;
        }

        private static double[] momenta(String name, double[] values) {
            if (values == null || values.length == 0)
                throw new IllegalArgumentException("OneCycleLR: " + name + " is empty");
            for (int i = 0; i < values.length; i++)
                ArgumentChecks.unitInterval("OneCycleLR", name + "[" + i + "]", values[i]);
            return values.clone();
        }

        /**
         * Sets the divisor of the starting rate: initial rate = maxLr/divFactor (default 25).
         *
         * @param divFactor finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder divFactor(double divFactor) {
            this.divFactor = ArgumentChecks.positive("OneCycleLR", "divFactor", divFactor);
            return this;
        }

        /**
         * Sets the divisor of the final rate: lowest rate = initial rate/finalDivFactor (default 1e4).
         *
         * @param finalDivFactor finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = ArgumentChecks.positive("OneCycleLR", "finalDivFactor", finalDivFactor);
            return this;
        }

        /**
         * Sets the three-phase variant (default false): rise, come back down to the initial rate, then fall to the
         * lowest rate.
         *
         * @param threePhase whether to use three phases
         * @return this builder
         */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /**
         * Builds the schedule: sets each group's {@code initial_lr} and takes the first step.
         *
         * @return the scheduler
         * @throws IllegalArgumentException if no length was set, a per-group list does not match the groups, or the
         *     optimizer has no momentum or betas to cycle
         */
        public OneCycleLR build() {
            return new OneCycleLR(this);
        }
    }
}
