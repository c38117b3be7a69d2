package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Hyperbolic tangent, as {@code nn.Tanh}. */
public class Tanh extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Tanh() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.tanh(input);
    }
}
