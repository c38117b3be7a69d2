package dev.myelin.optim;

import java.util.List;
import java.util.Set;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
 * as {@code torch.optim.SGD}:
 * <pre>
 * d = g + weightDecay·p
 * b = d (first step), else momentum·b + (1 − dampening)·d
 * d = nesterov ? d + momentum·b : b         (when momentum ≠ 0)
 * p = p − lr·d
 * </pre>
 * Configure with the fluent setters: {@code new SGD(params, 0.1).momentum(0.9).nesterov(true)}; per group with
 * {@link ParamGroup#set}.
 */
public final class SGD extends Optimizer {
    static final Setting MOMENTUM = Setting.nonNegative("momentum", 0);
    static final Setting DAMPENING = Setting.finite("dampening", 0);
    static final Setting WEIGHT_DECAY = Setting.nonNegative("weightDecay", 0);
    static final Setting NESTEROV = Setting.flag("nesterov", false);

    /**
     * SGD with PyTorch's defaults: momentum 0, dampening 0, weight decay 0, nesterov off (plain
     * {@code p = p − lr·g}); torch.optim.SGD has no default lr either.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public SGD(List<?> params, double lr) {
        super("SGD", params, lr, MOMENTUM, DAMPENING, WEIGHT_DECAY, NESTEROV);
    }

    /**
     * Sets the default momentum factor μ (PyTorch's {@code momentum}, default 0: no momentum buffer).
     *
     * @param momentum finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public SGD momentum(double momentum) {
        setDefault(MOMENTUM, momentum);
        return this;
    }

    /**
     * Sets the default dampening: the momentum buffer adds {@code (1 − dampening)·d} (default 0).
     *
     * @param dampening any finite value; must be 0 with nesterov
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if not finite
     */
    public SGD dampening(double dampening) {
        setDefault(DAMPENING, dampening);
        return this;
    }

    /**
     * Sets the default L2 penalty, added to the gradient as {@code weightDecay·p} (default 0).
     *
     * @param weightDecay finite and {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public SGD weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return this;
    }

    /**
     * Turns Nesterov momentum on or off by default (default off). Checked at {@link #step()}: it needs momentum
     * {@code > 0} and dampening 0.
     *
     * @param nesterov whether to step along {@code d + momentum·b} instead of {@code b}
     * @return this optimizer, for chaining
     */
    public SGD nesterov(boolean nesterov) {
        setDefault(NESTEROV, nesterov ? 1 : 0);
        return this;
    }

    /** {@return the default momentum factor} */
    public double momentum() {
        return getDefault(MOMENTUM);
    }

    /** {@return the default dampening} */
    public double dampening() {
        return getDefault(DAMPENING);
    }

    /** {@return the default L2 weight decay} */
    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

    /** {@return whether Nesterov momentum is on by default} */
    public boolean nesterov() {
        return getDefault(NESTEROV) == 1;
    }

    @Override
    protected void checkGroup(ParamGroup g) {
        if (g.flag(NESTEROV) && (g.value(MOMENTUM) <= 0 || g.value(DAMPENING) != 0))
            throw new IllegalArgumentException(
                    "SGD: nesterov momentum requires momentum > 0 and dampening = 0, got momentum=" + g.value(MOMENTUM)
                            + " dampening=" + g.value(DAMPENING));
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s, ParamGroup h) {
        float lr = (float) h.value(Setting.LR), wd = (float) h.value(WEIGHT_DECAY), mu = (float) h.value(MOMENTUM);
        float keep = (float) (1 - h.value(DAMPENING));
        boolean nesterov = h.flag(NESTEROV);
        if (mu == 0) {
            for (int i = 0; i < p.length; i++) p[i] -= lr * (g[i] + wd * p[i]);
            return;
        }
        boolean first = !s.has("momentum_buffer");
        float[] buf = s.buffer("momentum_buffer");
        for (int i = 0; i < p.length; i++) {
            float d = g[i] + wd * p[i];
            buf[i] = first ? d : mu * buf[i] + keep * d;
            p[i] -= lr * (nesterov ? d + mu * buf[i] : buf[i]);
        }
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("momentum_buffer");
    }
}
