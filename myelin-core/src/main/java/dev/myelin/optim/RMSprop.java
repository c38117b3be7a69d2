package dev.myelin.optim;

import java.util.List;
import java.util.Set;

/**
 * RMSprop, as {@code torch.optim.RMSprop} (lr 1e-2, alpha 0.99, eps 1e-8, weight decay 0, momentum 0,
 * centered off):
 * <pre>
 * g = g + weightDecay·p;  v = α·v + (1 − α)·g²
 * centered: ḡ = α·ḡ + (1 − α)·g;  d = √(v − ḡ²) + eps,  else d = √v + eps
 * momentum &gt; 0: b = momentum·b + g/d;  p = p − lr·b,   else p = p − lr·g/d
 * </pre>
 */
public final class RMSprop extends Optimizer {
    static final Setting ALPHA = Setting.unitInterval("alpha", 0.99);
    static final Setting EPS = Setting.nonNegative("eps", 1e-8);
    static final Setting WEIGHT_DECAY = Setting.nonNegative("weightDecay", 0);
    static final Setting MOMENTUM = Setting.nonNegative("momentum", 0);
    static final Setting CENTERED = Setting.flag("centered", false);

    /**
     * RMSprop with all of PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight decay 0, momentum 0, centered
     * off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @throws IllegalArgumentException if {@code params} is empty or invalid
     */
    public RMSprop(List<?> params) {
        this(params, 1e-2);
    }

    /**
     * RMSprop with the given learning rate and PyTorch's other defaults: alpha 0.99, eps 1e-8, weight decay 0,
     * momentum 0, centered off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public RMSprop(List<?> params, double lr) {
        super("RMSprop", params, lr, ALPHA, EPS, WEIGHT_DECAY, MOMENTUM, CENTERED);
    }

    /**
     * Sets the default smoothing constant α of the squared-gradient average (default 0.99).
     *
     * @param alpha in [0, 1)
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public RMSprop alpha(double alpha) {
        setDefault(ALPHA, alpha);
        return this;
    }

    /**
     * Sets the default term added to the denominator for numerical stability (default 1e-8).
     *
     * @param eps finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public RMSprop eps(double eps) {
        setDefault(EPS, eps);
        return this;
    }

    /**
     * Sets the default L2 penalty, added to the gradient as {@code weightDecay·p} (default 0).
     *
     * @param weightDecay finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public RMSprop weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return this;
    }

    /**
     * Sets the default momentum factor (default 0: no momentum buffer).
     *
     * @param momentum finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public RMSprop momentum(double momentum) {
        setDefault(MOMENTUM, momentum);
        return this;
    }
    /**
     * Turns centered RMSprop on or off by default (default off): normalize by an estimate of the gradient's
     * variance, {@code v − ḡ²}, instead of its raw second moment.
     *
     * @param centered whether to center
     * @return this optimizer, for chaining
     */
    public RMSprop centered(boolean centered) {
        setDefault(CENTERED, centered ? 1 : 0);
        return this;
    }

    /** {@return the default smoothing constant α} */
    public double alpha() {
        return getDefault(ALPHA);
    }

    /** {@return the default denominator term eps} */
    public double eps() {
        return getDefault(EPS);
    }

    /** {@return the default L2 weight decay} */
    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

    /** {@return the default momentum factor} */
    public double momentum() {
        return getDefault(MOMENTUM);
    }

    /** {@return whether centered RMSprop is on by default} */
    public boolean centered() {
        return getDefault(CENTERED) == 1;
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s, ParamGroup h) {
        float lr = (float) h.value(Setting.LR), a = (float) h.value(ALPHA), e = (float) h.value(EPS);
        float wd = (float) h.value(WEIGHT_DECAY), mu = (float) h.value(MOMENTUM);
        float[] v = s.buffer("square_avg");
        float[] gAvg = h.flag(CENTERED) ? s.buffer("grad_avg") : null;
        float[] buf = mu > 0 ? s.buffer("momentum_buffer") : null;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i] + wd * p[i];
            v[i] = a * v[i] + (1 - a) * gi * gi;
            float d;
            if (gAvg != null) {
                gAvg[i] = a * gAvg[i] + (1 - a) * gi;
                d = (float) Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + e;
            } else {
                d = (float) Math.sqrt(v[i]) + e;
            }
            if (buf != null) {
                buf[i] = mu * buf[i] + gi / d;
                p[i] -= lr * buf[i];
            } else {
                p[i] -= lr * (gi / d);
            }
        }
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("square_avg", "grad_avg", "momentum_buffer");
    }
}
