package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x·σ(x), as {@code nn.SiLU} (also called swish). */
public class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
