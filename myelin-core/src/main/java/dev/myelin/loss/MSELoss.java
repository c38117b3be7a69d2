package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/** Squared error (x − t)², averaged by default, as {@code nn.MSELoss}; the regression loss. */
public class MSELoss extends Loss {
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    public MSELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return reduce(input.sub(target).square());
    }
}
