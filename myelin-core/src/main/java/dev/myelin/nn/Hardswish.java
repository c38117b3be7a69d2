package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x·relu6(x + 3)/6, as {@code nn.Hardswish}: a cheap piecewise-polynomial swish. */
public class Hardswish extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.hardswish(input);
    }
}
