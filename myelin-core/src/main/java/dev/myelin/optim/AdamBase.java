package dev.myelin.optim;

import dev.myelin.kernel.AdamKernel;
import dev.myelin.kernel.AdamKernelPlain;
import dev.myelin.kernel.Simd;
import java.util.List;
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
    static final Setting BETAS = Setting.unitIntervalPair("betas", 0.9, 0.999);
    static final Setting EPS = Setting.nonNegative("eps", 1e-8);
    static final Setting WEIGHT_DECAY = Setting.nonNegative("weightDecay", 0);
    static final Setting AMSGRAD = Setting.flag("amsgrad", false);

    private final boolean decoupled;

    AdamBase(String name, List<?> params, double lr, double weightDecay, boolean decoupled) {
        super(name, params, lr, BETAS, EPS, WEIGHT_DECAY, AMSGRAD);
        this.decoupled = decoupled;
        weightDecay(weightDecay);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * Sets the default decay rates of the first and second moment averages (PyTorch's {@code betas}, defaults
     * 0.9 and 0.999).
     *
     * @param beta1 the first moment's decay β1, in [0, 1)
     * @param beta2 the second moment's decay β2, in [0, 1)
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if either is out of range
     */
    public T betas(double beta1, double beta2) {
        setDefault(BETAS, beta1, beta2);
        return self();
    }

    /**
     * Sets the default term added to the denominator for numerical stability (default 1e-8).
     *
     * @param eps finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public T eps(double eps) {
        setDefault(EPS, eps);
        return self();
    }

    /**
     * Sets the default weight decay: for {@link Adam} an L2 term {@code weightDecay·p} added to the gradient
     * (default 0), for {@link AdamW} the decoupled shrink {@code p·(1 − lr·weightDecay)} (default 1e-2).
     *
     * @param weightDecay finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public T weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return self();
    }

    /**
     * Turns the AMSGrad variant on or off by default (default off): the denominator uses the maximum of past
     * second moments (Reddi et al., "On the Convergence of Adam and Beyond"), kept in a {@code max_exp_avg_sq}
     * buffer.
     *
     * @param amsgrad whether to use AMSGrad
     * @return this optimizer, for chaining
     */
    public T amsgrad(boolean amsgrad) {
        setDefault(AMSGRAD, amsgrad ? 1 : 0);
        return self();
    }

    /** {@return the default first-moment decay β1} */
    public double beta1() {
        return getDefaults(BETAS)[0];
    }

    /** {@return the default second-moment decay β2} */
    public double beta2() {
        return getDefaults(BETAS)[1];
    }

    /** {@return the default denominator term eps} */
    public double eps() {
        return getDefault(EPS);
    }

    /** {@return the default weight decay} */
    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

    /** {@return whether AMSGrad is on by default} */
    public boolean amsgrad() {
        return getDefault(AMSGRAD) == 1;
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s, ParamGroup h) {
        double lr = h.value(Setting.LR), weightDecay = h.value(WEIGHT_DECAY);
        double[] betas = h.pair(BETAS);
        int t = s.step();
        float b1 = (float) betas[0], b2 = (float) betas[1], wd = (float) weightDecay, e = (float) h.value(EPS);
        float stepSize = (float) (lr / (1 - Math.pow(betas[0], t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(betas[1], t));
        float[] m = s.buffer("exp_avg"), v = s.buffer("exp_avg_sq");
        float[] vMax = h.flag(AMSGRAD) ? s.buffer("max_exp_avg_sq") : null;
        float l2 = decoupled ? 0 : wd;
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1;
        if (Simd.ENABLED)
            AdamKernel.step(p, g, m, v, vMax, new AdamKernel.Scalars(b1, b2, stepSize, bc2Sqrt, e, l2, shrink));
        else AdamKernelPlain.step(p, g, m, v, vMax, new AdamKernel.Scalars(b1, b2, stepSize, bc2Sqrt, e, l2, shrink));
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    }
}
