package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Configure with the fluent setters: {@code new SGD(params, 0.1).momentum(0.9).nesterov(true)}.
 */
public final class SGD extends Optimizer {
    private double momentum, dampening, weightDecay;
    private boolean nesterov;

    public SGD(List<? extends Tensor> params, double lr) {
        super("SGD", params, lr);
    }

    public SGD momentum(double momentum) {
        this.momentum = f32(Hyper.nonNegative("SGD", "momentum", momentum));
        return this;
    }

    public SGD dampening(double dampening) {
        this.dampening = f32(Hyper.finite("SGD", "dampening", dampening));
        return this;
    }

    public SGD weightDecay(double weightDecay) {
        this.weightDecay = f32(Hyper.nonNegative("SGD", "weightDecay", weightDecay));
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    public double momentum() { return momentum; }
    public double dampening() { return dampening; }
    public double weightDecay() { return weightDecay; }
    public boolean nesterov() { return nesterov; }

    @Override
    protected void checkHyperparameters() {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new IllegalArgumentException("SGD: nesterov momentum requires momentum > 0 and dampening = 0, got momentum="
                    + momentum + " dampening=" + dampening);
    }

    @Override
    protected void update(float[] p, float[] g, ParamState s) {
        float lr = (float) learningRate(), wd = (float) weightDecay, mu = (float) momentum, keep = (float) (1 - dampening);
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

    @Override
    protected Map<String, double[]> hyperparameters() {
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("momentum", value(momentum));
        h.put("dampening", value(dampening));
        h.put("weight_decay", value(weightDecay));
        h.put("nesterov", flag(nesterov));
        return h;
    }

    @Override
    protected void setHyperparameters(Map<String, double[]> v) {
        momentum(v.get("momentum")[0]);
        dampening(v.get("dampening")[0]);
        weightDecay(v.get("weight_decay")[0]);
        nesterov(flagValue("nesterov", v.get("nesterov")));
    }
}
