package dev.myelin.loss;

import dev.myelin.nn.F;
import dev.myelin.tensor.Tensor;

/**
 * Sigmoid and binary cross-entropy in one stable expression, as {@code nn.BCEWithLogitsLoss}:
 * ℓ = w·[(1 − t)·x + (1 + (p − 1)·t)·softplus(−x)], softplus(z) = max(z, 0) + log(1 + e^(−|z|)),
 * which never exponentiates a large positive number. {@code posWeight} p (broadcast over the last,
 * class dim) weights the positive examples, e.g. #negatives/#positives for imbalanced data.
 */
public class BCEWithLogitsLoss extends Loss {
    private final Tensor weight, posWeight;

    /**
     * A sigmoid + binary cross-entropy loss with all options, as
     * {@code nn.BCEWithLogitsLoss(weight, reduction=..., pos_weight=posWeight)}.
     *
     * @param weight per-element rescaling broadcast against the input, or null
     * @param posWeight weight of the positive examples per class (broadcast over the last dim), or null
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
        super(reduction);
        this.weight = weight;
        this.posWeight = posWeight;
    }

    /**
     * A sigmoid + binary cross-entropy loss without weights.
     *
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public BCEWithLogitsLoss(Reduction reduction) {
        this(null, null, reduction);
    }

    /** A sigmoid + binary cross-entropy loss with PyTorch's defaults: no weights, reduction MEAN. */
    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    /**
     * The binary cross-entropy of {@code sigmoid(input)} against {@code target}, computed stably from the logits.
     *
     * @param input raw scores (logits), any shape
     * @param target the expected probabilities (usually 0 or 1), of the input's shape
     * @return the loss: 0-d for MEAN and SUM, the input's shape for NONE
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes differ, or a weight does not broadcast
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor softplusNegX = F.softplus(input.neg(), 1, Double.POSITIVE_INFINITY);
        Tensor scale = posWeight == null ? null : target.mul(posWeight.sub(1f)).add(1f);
        Tensor loss = target.rsub(1f).mul(input).add(scale == null ? softplusNegX : scale.mul(softplusNegX));
        return reduce(weight == null ? loss : loss.mul(weight));
    }
}
