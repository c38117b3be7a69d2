package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * Soft Dice loss on probabilities, 1 − (2·Σ p·t + smooth) / (Σ p + Σ t + smooth) per sample
 * (sums over every dim but the batch dim; a 1-D input is one sample), default smooth 1. An overlap
 * loss for segmentation: insensitive to how many pixels are background.
 */
public class DiceLoss extends OverlapLoss {
    /**
     * A soft Dice loss.
     *
     * @param smooth added to numerator and denominator, so empty masks give a loss of 0 rather than 0/0; at least 0
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if {@code smooth} is negative or NaN, or {@code reduction} is null or BATCHMEAN
     */
    public DiceLoss(double smooth, Reduction reduction) {
        super(smooth, reduction);
    }

    /** A soft Dice loss with smooth 1 and reduction MEAN. */
    public DiceLoss() {
        this(1, Reduction.MEAN);
    }

    @Override
    Tensor loss(Tensor intersection, Tensor inputSum, Tensor targetSum) {
        return intersection
                .mul(2f)
                .add(smooth)
                .div(inputSum.add(targetSum).add(smooth))
                .rsub(1f);
    }
}
