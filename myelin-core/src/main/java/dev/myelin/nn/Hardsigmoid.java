package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** relu6(x + 3)/6, as {@code nn.Hardsigmoid}: a cheap piecewise-linear sigmoid. */
public class Hardsigmoid extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Hardsigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.hardsigmoid(input);
    }
}
