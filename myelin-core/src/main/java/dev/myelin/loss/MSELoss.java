package dev.myelin.loss;

import dev.myelin.autograd.Engine;
import dev.myelin.tensor.Tensor;

/** Squared error (x − t)², averaged by default, as {@code nn.MSELoss}; the regression loss. */
public class MSELoss extends Loss {
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    public MSELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        if (reduction == Reduction.NONE) return input.sub(target).square();
        return reducedSquaredError(input, target, reduction == Reduction.MEAN);
    }

    /**
     * Σ(x − t)², divided by the element count when {@code mean}, as one op: one pass forward (summed in
     * double) and a direct backward, dL/dx = scale·2(x − t)·g = −dL/dt, instead of a chain of
     * sub/square/mean nodes (most of a small regression step's time was that bookkeeping).
     */
    private static Tensor reducedSquaredError(Tensor input, Tensor target, boolean mean) {
        float[] x = input.data(), t = target.data();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - t[i];
            sum += d * d;
        }
        float scale = mean ? 1f / Math.max(1, x.length) : 1f;
        if (mean && x.length == 0) sum = Double.NaN; // mean of nothing, as torch
        Tensor out = Tensor.scalar((float) (sum * scale));
        return Engine.record(out, "MseLossBackward", g -> {
            float coef = 2f * scale * g.item();
            if (input.requiresGrad()) {
                float[] gi = new float[x.length];
                for (int i = 0; i < x.length; i++) gi[i] = coef * (x[i] - t[i]);
                input.accumulateNewGrad(gi);
            }
            if (target.requiresGrad()) {
                float[] gt = new float[t.length];
                for (int i = 0; i < t.length; i++) gt[i] = -coef * (x[i] - t[i]);
                target.accumulateNewGrad(gt);
            }
        }, input, target);
    }
}
