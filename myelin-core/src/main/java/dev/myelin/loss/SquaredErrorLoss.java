package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * The course's error measure E = ½ Σᵢ Σⱼ (oᵢⱼ − tᵢⱼ)², summed over examples i and output neurons j.
 * The ½ cancels the 2 of the derivative, so ∂E/∂o = o − t. Equal to {@code 0.5 · MSELoss(SUM)}; with
 * reduction NONE it returns ½(o − t)² per element, with MEAN ½·mean.
 */
public class SquaredErrorLoss extends Loss {
    /**
     * The course's squared error with another reduction.
     *
     * @param reduction how to combine the per-element values ½(o − t)²
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public SquaredErrorLoss(Reduction reduction) {
        super(reduction);
    }

    /** The course's summed form. */
    public SquaredErrorLoss() {
        this(Reduction.SUM);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return reduce(input.sub(target).square().mul(0.5f));
    }
}
