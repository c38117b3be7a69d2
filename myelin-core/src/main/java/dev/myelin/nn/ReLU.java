package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** max(0, x), as {@code nn.ReLU}. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input);
    }
}
