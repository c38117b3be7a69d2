package dev.myelin.optim;

import dev.myelin.kernel.AdamKernel;
import dev.myelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Adam update shared by {@link Adam} (weight decay added to the gradient, L2) and {@link AdamW}
 * (weight decay applied to the weights directly, "decoupled"), as {@code torch.optim.Adam/AdamW}:
 * <pre>
 * m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²;  v̂max = max(v̂max, v) if amsgrad
 * p = p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 */
abstract class AdamBase<T extends AdamBase<T>> extends Optimizer {
    private final boolean decoupled;
    private double beta1 = f32(0.9), beta2 = f32(0.999), eps = f32(1e-8), weightDecay;
    private boolean amsgrad;

    AdamBase(String name, List<? extends Tensor> params, double lr, double weightDecay, boolean decoupled) {
        super(name, params, lr);
        this.decoupled = decoupled;
        weightDecay(weightDecay);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Decay rates of the first and second moment averages, each in [0, 1) (defaults 0.9, 0.999). */
    public T betas(double beta1, double beta2) {
        Hyper.unitInterval(name(), "betas[0]", beta1);
        Hyper.unitInterval(name(), "betas[1]", beta2);
        this.beta1 = f32(beta1);
        this.beta2 = f32(beta2);
        return self();
    }

    /** Added to the denominator for numerical stability (default 1e-8). */
    public T eps(double eps) {
        this.eps = f32(Hyper.nonNegative(name(), "eps", eps));
        return self();
    }

    public T weightDecay(double weightDecay) {
        this.weightDecay = f32(Hyper.nonNegative(name(), "weightDecay", weightDecay));
        return self();
    }

    /** Use the maximum of past second moments (Reddi et al., "On the Convergence of Adam and Beyond"). */
    public T amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    public double beta1() { return beta1; }
    public double beta2() { return beta2; }
    public double eps() { return eps; }
    public double weightDecay() { return weightDecay; }
    public boolean amsgrad() { return amsgrad; }

    @Override
    protected void update(float[] p, float[] g, ParamState s) {
        double lr = learningRate();
        int t = s.step();
        float b1 = (float) beta1, b2 = (float) beta2, wd = (float) weightDecay, e = (float) eps;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float[] m = s.buffer("exp_avg"), v = s.buffer("exp_avg_sq");
        float[] vMax = amsgrad ? s.buffer("max_exp_avg_sq") : null;
        float l2 = decoupled ? 0 : wd;
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1;
        AdamKernel.step(p, g, m, v, vMax, new AdamKernel.Scalars(b1, b2, stepSize, bc2Sqrt, e, l2, shrink));
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    }

    @Override
    protected Map<String, double[]> hyperparameters() {
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("betas", new double[] {beta1, beta2});
        h.put("eps", value(eps));
        h.put("weight_decay", value(weightDecay));
        h.put("amsgrad", flag(amsgrad));
        return h;
    }

    @Override
    protected void setHyperparameters(Map<String, double[]> v) {
        betas(v.get("betas")[0], v.get("betas")[1]);
        eps(v.get("eps")[0]);
        weightDecay(v.get("weight_decay")[0]);
        amsgrad(flagValue("amsgrad", v.get("amsgrad")));
    }
}
