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

    /** @param params tensors, or {@link ParamGroup}s */
    public SGD(List<?> params, double lr) {
        super("SGD", params, lr, MOMENTUM, DAMPENING, WEIGHT_DECAY, NESTEROV);
    }

    public SGD momentum(double momentum) {
        setDefault(MOMENTUM, momentum);
        return this;
    }

    public SGD dampening(double dampening) {
        setDefault(DAMPENING, dampening);
        return this;
    }

    public SGD weightDecay(double weightDecay) {
        setDefault(WEIGHT_DECAY, weightDecay);
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        setDefault(NESTEROV, nesterov ? 1 : 0);
        return this;
    }

    public double momentum() {
        return getDefault(MOMENTUM);
    }

    public double dampening() {
        return getDefault(DAMPENING);
    }

    public double weightDecay() {
        return getDefault(WEIGHT_DECAY);
    }

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
