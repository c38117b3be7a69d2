package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Exact GELU x·Φ(x) (erf form), as {@code nn.GELU()} with its default approximate='none'. */
public class GELU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input);
    }

    @Override
    protected String extraRepr() {
        return "approximate='none'";
    }
}
