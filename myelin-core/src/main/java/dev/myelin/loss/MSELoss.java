package dev.myelin.loss;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

/** Squared error (x − t)², averaged by default, as {@code nn.MSELoss}; the regression loss. */
public class MSELoss extends Loss {
    /**
     * A squared-error loss.
     *
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    /** A squared-error loss with PyTorch's default reduction MEAN (the mean squared error). */
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
        float[] x = input.values(), t = target.values();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - t[i];
            sum += d * d;
        }
        float scale = mean ? 1f / Math.max(1, x.length) : 1f;
        if (mean && x.length == 0) sum = Double.NaN; // mean of nothing, as torch
        Tensor out = Tensor.scalar((float) (sum * scale));
        return Engine.record(
                out,
                "MseLossBackward",
                g -> {
                    boolean graph = NoGrad.isGradEnabled(); // backward with grad mode on: gradients as tensor ops,
                    // differentiable
                    Tensor gi = inputGradient(g, input, target, scale);
                    if (input.requiresGrad()) {
                        if (graph) input.accumulateGrad(gi);
                        else input.accumulateNewGrad(gi.data());
                    }
                    if (target.requiresGrad()) {
                        if (graph) target.accumulateGrad(gi.neg());
                        else target.accumulateNewGrad(gi.neg().data());
                    }
                },
                input,
                target);
    }

    /** 2·scale·g·(x − t), the input gradient (the target's is its negative): raw arrays under NoGrad, else differentiable tensor ops. */
    static Tensor inputGradient(Tensor g, Tensor x, Tensor t, float scale) {
        if (NoGrad.isGradEnabled()) return x.sub(t).mul(g.mul(2f * scale));
        float coef = 2f * scale * g.item();
        float[] xd = x.values(), td = t.values(), gi = new float[xd.length];
        for (int i = 0; i < gi.length; i++) gi[i] = coef * (xd[i] - td[i]);
        return new Tensor(gi, x.shape());
    }
}
