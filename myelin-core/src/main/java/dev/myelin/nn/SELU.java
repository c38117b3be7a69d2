package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Scaled ELU with PyTorch's fixed alpha ≈ 1.6733 and scale ≈ 1.0507, as {@code nn.SELU}. */
public class SELU extends Module {
    /** Creates the activation; its alpha and scale are PyTorch's fixed constants. */
    public SELU() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.selu(input);
    }
}
