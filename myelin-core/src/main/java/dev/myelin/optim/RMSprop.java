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

    /** @param params tensors, or {@link ParamGroup}s */
    public RMSprop(List<?> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<?> params, double lr) {
        super("RMSprop", params, lr, ALPHA, EPS, WEIGHT_DECAY, MOMENTUM, CENTERED);
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1) (default 0.99). */
    public RMSprop alpha(double alpha) {
        setDefault(ALPHA, alpha);
        return this;
    }

    public RMSprop eps(double eps) {
        setDefault(EPS, eps);
        return this;
    }

    public RMSprop weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return this;
    }

    public RMSprop momentum(double momentum) {
        setDefault(MOMENTUM, momentum);
        return this;
    }
    /** Normalize by an estimate of the gradient's variance instead of its raw second moment. */
    public RMSprop centered(boolean centered) {
        setDefault(CENTERED, centered ? 1 : 0);
        return this;
    }

    public double alpha() {
        return getDefault(ALPHA);
    }

    public double eps() {
        return getDefault(EPS);
    }

    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

    public double momentum() {
        return getDefault(MOMENTUM);
    }

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
