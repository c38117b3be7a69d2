package dev.myelin.optim;

import java.util.List;
import java.util.Set;

/** Plain gradient descent, the course's rule {@code w := w − η∇J}: no momentum, no decay, no state. */
public final class GradientDescent extends Optimizer {
    /**
     * Gradient descent with a fixed learning rate η (the same as {@code torch.optim.SGD} with its defaults).
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate η, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
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
