package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * Binary hinge loss max(0, margin − y·x) for targets y ∈ {−1, +1} and raw scores x (default margin 1),
 * the SVM loss. (This is not PyTorch's {@code HingeEmbeddingLoss}, which takes distances; with scores,
 * the SVM form is what "hinge loss" means in scikit-learn and the course.)
 */
public class HingeLoss extends Loss {
    private final float margin;

    /**
     * A binary hinge loss.
     *
     * @param margin the score margin y·x must reach for a zero loss
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public HingeLoss(double margin, Reduction reduction) {
        super(reduction);
        this.margin = (float) margin;
    }

    /** A binary hinge loss with margin 1 and reduction MEAN. */
    public HingeLoss() {
        this(1, Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        float[] t = target.values();
        for (int i = 0; i < t.length; i++)
            if (t[i] != 1 && t[i] != -1)
                throw new IllegalArgumentException("HingeLoss: targets must be -1 or +1, element " + i + " is " + t[i]
                        + "; map 0/1 labels with 2·y − 1");
        return reduce(target.mul(input).rsub(margin).relu());
    }
}
