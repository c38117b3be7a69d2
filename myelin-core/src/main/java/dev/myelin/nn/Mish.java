package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x·tanh(softplus(x)), as {@code nn.Mish}. */
public class Mish extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Mish() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.mish(input);
    }
}
