package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private double alpha = f32(0.99), eps = f32(1e-8), weightDecay, momentum;
    private boolean centered;

    public RMSprop(List<? extends Tensor> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<? extends Tensor> params, double lr) {
        super("RMSprop", params, lr);
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1) (default 0.99). */
    public RMSprop alpha(double alpha) {
        this.alpha = f32(Hyper.unitInterval("RMSprop", "alpha", alpha));
        return this;
    }

    public RMSprop eps(double eps) {
        this.eps = f32(Hyper.nonNegative("RMSprop", "eps", eps));
        return this;
    }

    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = f32(Hyper.nonNegative("RMSprop", "weightDecay", weightDecay));
        return this;
    }

    public RMSprop momentum(double momentum) {
        this.momentum = f32(Hyper.nonNegative("RMSprop", "momentum", momentum));
        return this;
    }

    /** Normalize by an estimate of the gradient's variance instead of its raw second moment. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    public double alpha() { return alpha; }
    public double eps() { return eps; }
    public double weightDecay() { return weightDecay; }
    public double momentum() { return momentum; }
    public boolean centered() { return centered; }

    @Override
    protected void update(float[] p, float[] g, ParamState s) {
        float lr = (float) learningRate(), a = (float) alpha, e = (float) eps, wd = (float) weightDecay, mu = (float) momentum;
        float[] v = s.buffer("square_avg");
        float[] gAvg = centered ? s.buffer("grad_avg") : null;
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

    @Override
    protected Map<String, double[]> hyperparameters() {
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("alpha", value(alpha));
        h.put("eps", value(eps));
        h.put("weight_decay", value(weightDecay));
        h.put("momentum", value(momentum));
        h.put("centered", flag(centered));
        return h;
    }

    @Override
    protected void setHyperparameters(Map<String, double[]> v) {
        alpha(v.get("alpha")[0]);
        eps(v.get("eps")[0]);
        weightDecay(v.get("weight_decay")[0]);
        momentum(v.get("momentum")[0]);
        centered(flagValue("centered", v.get("centered")));
    }
}
