package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x·relu6(x + 3)/6, as {@code nn.Hardswish}: a cheap piecewise-polynomial swish. */
public class Hardswish extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Hardswish() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.hardswish(input);
    }
}
