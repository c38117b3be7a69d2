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

    /** @param weight per-element rescaling or null; @param posWeight weight of positives per class or null */
    public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
        super(reduction);
        this.weight = weight;
        this.posWeight = posWeight;
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        this(null, null, reduction);
    }

    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor softplusNegX = F.softplus(input.neg(), 1, Double.POSITIVE_INFINITY);
        Tensor scale = posWeight == null ? null : target.mul(posWeight.sub(1f)).add(1f);
        Tensor loss = target.rsub(1f).mul(input).add(scale == null ? softplusNegX : scale.mul(softplusNegX));
        return reduce(weight == null ? loss : loss.mul(weight));
    }
}
