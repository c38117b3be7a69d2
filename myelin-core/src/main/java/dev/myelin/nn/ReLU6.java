package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** min(max(x, 0), 6), as {@code nn.ReLU6}. */
public class ReLU6 extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public ReLU6() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.relu6(input);
    }
}
