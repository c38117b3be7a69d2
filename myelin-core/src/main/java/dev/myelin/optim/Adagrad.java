package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adagrad (Duchi et al.), as {@code torch.optim.Adagrad} (lr 1e-2, lrDecay 0, weight decay 0,
 * initialAccumulatorValue 0, eps 1e-10):
 * <pre>
 * g = g + weightDecay·p;  clr = lr / (1 + (t − 1)·lrDecay)
 * s = s + g²;  p = p − clr · g / (√s + eps)
 * </pre>
 */
public final class Adagrad extends Optimizer {
    private double lrDecay, weightDecay, initialAccumulatorValue, eps = f32(1e-10);

    public Adagrad(List<? extends Tensor> params) {
        this(params, 1e-2);
    }

    public Adagrad(List<? extends Tensor> params, double lr) {
        super("Adagrad", params, lr);
    }

    public Adagrad lrDecay(double lrDecay) {
        this.lrDecay = f32(Hyper.nonNegative("Adagrad", "lrDecay", lrDecay));
        return this;
    }

    public Adagrad weightDecay(double weightDecay) {
        this.weightDecay = f32(Hyper.nonNegative("Adagrad", "weightDecay", weightDecay));
        return this;
    }

    /** Starting value of the squared-gradient sum; takes effect for parameters not yet updated. */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = f32(Hyper.nonNegative("Adagrad", "initialAccumulatorValue", value));
        return this;
    }

    public Adagrad eps(double eps) {
        this.eps = f32(Hyper.nonNegative("Adagrad", "eps", eps));
        return this;
    }

    public double lrDecay() { return lrDecay; }
    public double weightDecay() { return weightDecay; }
    public double initialAccumulatorValue() { return initialAccumulatorValue; }
    public double eps() { return eps; }

    @Override
    protected void update(float[] p, float[] g, ParamState s) {
        float wd = (float) weightDecay, e = (float) eps;
        float clr = (float) (learningRate() / (1 + (s.step() - 1) * lrDecay));
        float[] sum = s.buffer("sum", (float) initialAccumulatorValue);
        for (int i = 0; i < p.length; i++) {
            float gi = g[i] + wd * p[i];
            sum[i] += gi * gi;
            p[i] -= clr * (gi / ((float) Math.sqrt(sum[i]) + e));
        }
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of("sum");
    }

    @Override
    protected Map<String, double[]> hyperparameters() {
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("lr_decay", value(lrDecay));
        h.put("weight_decay", value(weightDecay));
        h.put("initial_accumulator_value", value(initialAccumulatorValue));
        h.put("eps", value(eps));
        return h;
    }

    @Override
    protected void setHyperparameters(Map<String, double[]> v) {
        lrDecay(v.get("lr_decay")[0]);
        weightDecay(v.get("weight_decay")[0]);
        initialAccumulatorValue(v.get("initial_accumulator_value")[0]);
        eps(v.get("eps")[0]);
    }
}
