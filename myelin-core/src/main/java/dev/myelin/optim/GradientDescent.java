package dev.myelin.optim;

import java.util.List;
import java.util.Set;

/** Plain gradient descent, the course's rule {@code w := w − η∇J}: no momentum, no decay, no state. */
public final class GradientDescent extends Optimizer {
    /** @param params tensors, or {@link ParamGroup}s */
    public GradientDescent(List<?> params, double lr) {
        super("GradientDescent", params, lr);
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s, ParamGroup h) {
        float lr = (float) h.value(Setting.LR);
        for (int i = 0; i < p.length; i++) p[i] -= lr * g[i];
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of();
    }
}
