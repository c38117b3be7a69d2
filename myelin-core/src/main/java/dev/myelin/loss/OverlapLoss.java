package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * Shared shape of the soft overlap losses: per sample (dim 0 is the batch; a 1-D input is one sample),
 * the intersection Σ p·t and the sizes Σ p and Σ t over all other dims, then a score turned into a loss.
 */
abstract class OverlapLoss extends Loss {
    /** The constant added to the score's numerator and denominator. */
    protected final float smooth;

    OverlapLoss(double smooth, Reduction reduction) {
        super(reduction);
        if (!(smooth >= 0))
            throw new IllegalArgumentException(getClass().getSimpleName() + ": smooth must be >= 0, got " + smooth);
        this.smooth = (float) smooth;
    }

    /** The per-sample loss from intersection, Σ input and Σ target (each of shape [N]). */
    abstract Tensor loss(Tensor intersection, Tensor inputSum, Tensor targetSum);

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor p = input.dim() <= 1 ? input.reshape(1, -1) : input.flatten(1);
        Tensor t = target.dim() <= 1 ? target.reshape(1, -1) : target.flatten(1);
        Tensor perSample = loss(p.mul(t).sum(1), p.sum(1), t.sum(1));
        return reduce(input.dim() <= 1 ? perSample.reshape() : perSample);
    }
}
