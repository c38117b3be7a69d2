package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x·σ(x), as {@code nn.SiLU} (also called swish). */
public class SiLU extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public SiLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
