package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * A tensor that is a learnable parameter of a {@link Module}, like {@code torch.nn.Parameter}: a leaf
 * that requires grad. It owns a copy of the values it was made from.
 */
public class Parameter extends Tensor {

    /**
     * A parameter holding a copy of {@code values}, requiring grad (as {@code nn.Parameter(data)}).
     *
     * @param values the initial values (copied; later changes to {@code values} do not reach the parameter)
     */
    public Parameter(Tensor values) {
        this(values, true);
    }

    /**
     * A parameter holding a copy of {@code values}, as {@code nn.Parameter(data, requires_grad)}; a frozen
     * parameter ({@code requiresGrad} false) is saved in the state dict but gets no gradient.
     *
     * @param values the initial values (copied)
     * @param requiresGrad whether the parameter is trained (gets a gradient)
     */
    public Parameter(Tensor values, boolean requiresGrad) {
        super(values.toArray(), values.shape());
        requiresGrad(requiresGrad);
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
