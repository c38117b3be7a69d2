package dev.myelin.optim;

import java.util.List;
import java.util.Set;

/**
 * Adagrad (Duchi et al.), as {@code torch.optim.Adagrad} (lr 1e-2, lrDecay 0, weight decay 0,
 * initialAccumulatorValue 0, eps 1e-10):
 * <pre>
 * g = g + weightDecay·p;  clr = lr / (1 + (t − 1)·lrDecay)
 * s = s + g²;  p = p − clr · g / (√s + eps)
 * </pre>
 * A parameter's sum starts, at its first update, from its group's {@code initialAccumulatorValue}; torch 1.13
 * fills every sum from the constructor's value at construction, ignoring a group's own.
 */
public final class Adagrad extends Optimizer {
    static final Setting LR_DECAY = Setting.nonNegative("lrDecay", 0);
    static final Setting WEIGHT_DECAY = Setting.nonNegative("weightDecay", 0);
    static final Setting INITIAL_ACCUMULATOR_VALUE = Setting.nonNegative("initialAccumulatorValue", 0);
    static final Setting EPS = Setting.nonNegative("eps", 1e-10);

    /**
     * Adagrad with all of PyTorch's defaults: lr 1e-2, lrDecay 0, weight decay 0, initialAccumulatorValue 0, eps
     * 1e-10.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @throws IllegalArgumentException if {@code params} is empty or invalid
     */
    public Adagrad(List<?> params) {
        this(params, 1e-2);
    }

    /**
     * Adagrad with the given learning rate and PyTorch's other defaults: lrDecay 0, weight decay 0,
     * initialAccumulatorValue 0, eps 1e-10.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public Adagrad(List<?> params, double lr) {
        super("Adagrad", params, lr, LR_DECAY, WEIGHT_DECAY, INITIAL_ACCUMULATOR_VALUE, EPS);
    }

    /**
     * Sets the default learning-rate decay: step t uses {@code lr / (1 + (t − 1)·lrDecay)} (default 0).
     *
     * @param lrDecay finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public Adagrad lrDecay(double lrDecay) {
        setDefault(LR_DECAY, lrDecay);
        return this;
    }

    /**
     * Sets the default L2 penalty, added to the gradient as {@code weightDecay·p} (default 0).
     *
     * @param weightDecay finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public Adagrad weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return this;
    }
    /**
     * Sets the default starting value of the squared-gradient sum (default 0); takes effect for parameters not yet
     * updated.
     *
     * @param value finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public Adagrad initialAccumulatorValue(double value) {
        setDefault(INITIAL_ACCUMULATOR_VALUE, value);
        return this;
    }

    /**
     * Sets the default term added to the denominator for numerical stability (default 1e-10).
     *
     * @param eps finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public Adagrad eps(double eps) {
        setDefault(EPS, eps);
        return this;
    }

    /** {@return the default learning-rate decay} */
    public double lrDecay() {
        return getDefault(LR_DECAY);
    }

    /** {@return the default L2 weight decay} */
    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

    /** {@return the default starting value of the squared-gradient sum} */
    public double initialAccumulatorValue() {
        return getDefault(INITIAL_ACCUMULATOR_VALUE);
    }

    /** {@return the default denominator term eps} */
    public double eps() {
        return getDefault(EPS);
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s, ParamGroup h) {
        float wd = (float) h.value(WEIGHT_DECAY), e = (float) h.value(EPS);
        float clr = (float) (h.value(Setting.LR) / (1 + (s.step() - 1) * h.value(LR_DECAY)));
        float[] sum = s.buffer("sum", (float) h.value(INITIAL_ACCUMULATOR_VALUE));
        for (int i = 0; i < p.length; i++) {
            float gi = g[i] + wd * p[i];
            sum[i] += gi * gi;
            p[i] -= clr * (gi / ((float) Math.sqrt(sum[i]) + e));
        }
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("sum");
    }
}
