package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plain gradient descent, the course's rule {@code w := w − η∇J}: no momentum, no decay, no state. */
public final class GradientDescent extends Optimizer {
    public GradientDescent(List<? extends Tensor> params, double lr) {
        super("GradientDescent", params, lr);
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s) {
        float lr = (float) learningRate();
        for (int i = 0; i < p.length; i++) p[i] -= lr * g[i];
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of();
    }

    @Override
    protected Map<String, double[]> hyperparameters() {
        return Map.of();
    }

    @Override
    protected void setHyperparameters(Map<String, double[]> values) {}
}
