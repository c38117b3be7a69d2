package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/** Absolute error |x − t|, as {@code nn.L1Loss} (gradient 0 where x = t, as PyTorch). */
public class L1Loss extends Loss {
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    public L1Loss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return reduce(input.sub(target).abs());
    }
}
