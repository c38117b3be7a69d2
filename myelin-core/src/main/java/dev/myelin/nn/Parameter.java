package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * A tensor that is a learnable parameter of a {@link Module}, like {@code torch.nn.Parameter}: a leaf
 * that requires grad. It owns a copy of the values it was made from.
 */
public class Parameter extends Tensor {

    /** A parameter holding a copy of {@code values}. */
    public Parameter(Tensor values) {
        this(values, true);
    }

    public Parameter(Tensor values, boolean requiresGrad) {
        super(values.toArray(), values.shape());
        requiresGrad(requiresGrad);
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
