package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/** Absolute error |x − t|, as {@code nn.L1Loss} (gradient 0 where x = t, as PyTorch). */
public class L1Loss extends Loss {
    /**
     * An absolute-error loss.
     *
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    /** An absolute-error loss with PyTorch's default reduction MEAN (the mean absolute error). */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return reduce(input.sub(target).abs());
    }
}
