package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * Soft Jaccard (IoU) loss on probabilities, 1 − (I + smooth) / (Σ p + Σ t − I + smooth) with I = Σ p·t,
 * per sample (sums over every dim but the batch dim; a 1-D input is one sample), default smooth 1.
 */
public class JaccardLoss extends OverlapLoss {
    /**
     * A soft Jaccard (IoU) loss.
     *
     * @param smooth added to numerator and denominator, so empty masks give a loss of 0 rather than 0/0; at least 0
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if {@code smooth} is negative or NaN, or {@code reduction} is null or BATCHMEAN
     */
    public JaccardLoss(double smooth, Reduction reduction) {
        super(smooth, reduction);
    }

    /** A soft Jaccard loss with smooth 1 and reduction MEAN. */
    public JaccardLoss() {
        this(1, Reduction.MEAN);
    }

    @Override
    Tensor loss(Tensor intersection, Tensor inputSum, Tensor targetSum) {
        return intersection
                .add(smooth)
                .div(inputSum.add(targetSum).sub(intersection).add(smooth))
                .rsub(1f);
    }
}
