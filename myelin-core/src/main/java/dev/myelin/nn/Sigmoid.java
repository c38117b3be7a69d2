package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Logistic sigmoid 1/(1+e^(−x)), as {@code nn.Sigmoid}; the binary-classification output activation. */
public class Sigmoid extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Sigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.sigmoid(input);
    }
}
