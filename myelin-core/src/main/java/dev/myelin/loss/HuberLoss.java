package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * ½d² where |d| &lt; delta, else delta·(|d| − ½delta), with d = x − t (default delta 1), as
 * {@code nn.HuberLoss}: quadratic near the target, linear (robust to outliers) far from it.
 */
public class HuberLoss extends Loss {
    private final float delta;

    /**
     * A Huber loss, as {@code nn.HuberLoss(reduction=..., delta=delta)}.
     *
     * @param delta where the loss turns from quadratic to linear, positive
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code delta} is not positive, or {@code reduction} is null or BATCHMEAN
     */
    public HuberLoss(double delta, Reduction reduction) {
        super(reduction);
        if (!(delta > 0)) throw new IllegalArgumentException("HuberLoss: delta must be positive, got " + delta);
        this.delta = (float) delta;
    }

    /**
     * A Huber loss with reduction MEAN.
     *
     * @param delta where the loss turns from quadratic to linear, positive
     * @throws IllegalArgumentException if {@code delta} is not positive
     */
    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** A Huber loss with PyTorch's defaults: delta 1, reduction MEAN. */
    public HuberLoss() {
        this(1.0);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor d = input.sub(target);
        Tensor absD = d.abs();
        Tensor quadratic = d.square().mul(0.5f);
        Tensor linear = absD.sub(0.5f * delta).mul(delta);
        return reduce(Tensor.where(absD.lt(delta), quadratic, linear));
    }
}
