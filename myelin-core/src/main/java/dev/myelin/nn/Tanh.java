package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Hyperbolic tangent, as {@code nn.Tanh}. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.tanh(input);
    }
}
