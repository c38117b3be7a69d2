package dev.myelin.loss;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, −w·[t·log x + (1 − t)·log(1 − x)], as {@code nn.BCELoss}: the
 * binary-classification loss after a sigmoid output. As in PyTorch each log is clamped to ≥ −100, so
 * a saturated probability of exactly 0 or 1 gives a finite loss, and the input gradient is
 * (x − t)/max(x(1 − x), 1e-12). For raw outputs prefer {@link BCEWithLogitsLoss}, which is stabler.
 * With grad mode on during backward, the gradients are computed by tensor ops, so they can be
 * differentiated again.
 */
public class BCELoss extends Loss {
    private final Tensor weight;

    /**
     * A binary cross-entropy loss with element weights, as {@code nn.BCELoss(weight, reduction=...)}.
     *
     * @param weight rescaling weight broadcast against the input, or null
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = weight;
    }

    /**
     * A binary cross-entropy loss without weights.
     *
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public BCELoss(Reduction reduction) {
        this(null, reduction);
    }

    /** A binary cross-entropy loss with PyTorch's defaults: no weights, reduction MEAN. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * The binary cross-entropy of probabilities {@code input} against {@code target}.
     *
     * @param input probabilities in [0, 1] (after a sigmoid), any shape
     * @param target the expected probabilities (usually 0 or 1), of the input's shape
     * @return the loss: 0-d for MEAN and SUM, the input's shape for NONE
     * @throws IllegalArgumentException if an input value is outside [0, 1] or NaN (apply a sigmoid first, or use
     *     {@link BCEWithLogitsLoss})
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes differ
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        float[] x = input.values(), t = target.values(), o = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1))
                throw new IllegalArgumentException(
                        "BCELoss: all elements of input should be probabilities in [0, 1], element " + i + " is " + x[i]
                                + "; apply a sigmoid first or use BCEWithLogitsLoss");
            o[i] = (float) -(t[i] * clampedLog(x[i]) + (1 - t[i]) * clampedLog1m(x[i]));
        }
        Tensor perElement = Engine.record(
                new Tensor(o, input.shape()),
                "BinaryCrossEntropyBackward",
                g -> {
                    boolean graph = NoGrad.isGradEnabled(); // backward with grad mode on: gradients as tensor ops,
                    // differentiable
                    if (input.requiresGrad()) {
                        Tensor gx = inputGradient(g, input, target);
                        if (graph) input.accumulateGrad(gx);
                        else input.accumulateNewGrad(gx.data());
                    }
                    if (target.requiresGrad()) {
                        Tensor gt = targetGradient(g, input);
                        if (graph) target.accumulateGrad(gt);
                        else target.accumulateNewGrad(gt.data());
                    }
                },
                input,
                target);
        return reduce(weight == null ? perElement : perElement.mul(weight));
    }

    /** g·(x − t)/max(x(1 − x), 1e-12), PyTorch's input gradient: raw arrays under NoGrad, else differentiable tensor ops. */
    static Tensor inputGradient(Tensor g, Tensor x, Tensor t) {
        if (NoGrad.isGradEnabled()) return g.mul(x.sub(t)).div(x.mul(x.rsub(1f)).clampMin(1e-12f));
        float[] xd = x.values(), td = t.values(), gd = g.values(), gx = new float[xd.length];
        for (int i = 0; i < gx.length; i++)
            gx[i] = (float) (gd[i] * (xd[i] - (double) td[i]) / Math.max((double) xd[i] * (1 - (double) xd[i]), 1e-12));
        return new Tensor(gx, x.shape());
    }

    /** g·(log(1 − x) − log x) with both logs clamped at −100, the target gradient; same two paths. */
    static Tensor targetGradient(Tensor g, Tensor x) {
        if (NoGrad.isGradEnabled())
            return g.mul(x.rsub(1f).log().clampMin(-100f).sub(x.log().clampMin(-100f)));
        float[] xd = x.values(), gd = g.values(), gt = new float[xd.length];
        for (int i = 0; i < gt.length; i++) gt[i] = (float) (gd[i] * (clampedLog1m(xd[i]) - clampedLog(xd[i])));
        return new Tensor(gt, x.shape());
    }

    private static double clampedLog(float x) {
        return Math.max(Math.log(x), -100);
    }

    private static double clampedLog1m(float x) {
        return Math.max(Math.log1p(-(double) x), -100);
    }
}
