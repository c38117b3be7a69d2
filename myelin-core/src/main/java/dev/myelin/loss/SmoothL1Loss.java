package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * ½d²/beta where |d| &lt; beta, else |d| − ½beta, with d = x − t (default beta 1), as {@code nn.SmoothL1Loss}:
 * {@link HuberLoss} divided by beta, so its slope far from the target is 1 whatever beta is. beta = 0 is
 * the L1 loss; there the gradient at d = 0 is −1, which is what PyTorch 1.13's kernel gives (it tests
 * d ≤ −beta first), kept so the numbers agree.
 */
public class SmoothL1Loss extends Loss {
    private final float beta;

    /**
     * A smooth L1 loss, as {@code nn.SmoothL1Loss(reduction=..., beta=beta)}.
     *
     * @param beta where the loss turns from quadratic to linear, at least 0 (0 is the L1 loss)
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code beta} is negative or NaN, or {@code reduction} is null or BATCHMEAN
     */
    public SmoothL1Loss(double beta, Reduction reduction) {
        super(reduction);
        if (!(beta >= 0))
            throw new IllegalArgumentException(
                    "SmoothL1Loss: beta must be >= 0 (smooth_l1_loss does not support negative values), got " + beta);
        this.beta = (float) beta;
    }

    /**
     * A smooth L1 loss with reduction MEAN.
     *
     * @param beta where the loss turns from quadratic to linear, at least 0
     * @throws IllegalArgumentException if {@code beta} is negative or NaN
     */
    public SmoothL1Loss(double beta) {
        this(beta, Reduction.MEAN);
    }

    /** A smooth L1 loss with PyTorch's defaults: beta 1, reduction MEAN. */
    public SmoothL1Loss() {
        this(1.0);
    }

    /** {@return where the loss turns from quadratic to linear} */
    public double beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor d = input.sub(target);
        if (beta == 0) return reduce(Tensor.where(d.le(0f), d.neg(), d)); // |d|, slope −1 at 0
        Tensor absD = d.abs();
        Tensor quadratic = d.square().mul(0.5f / beta);
        Tensor linear = absD.sub(0.5f * beta);
        return reduce(Tensor.where(absD.lt(beta), quadratic, linear));
    }
}
