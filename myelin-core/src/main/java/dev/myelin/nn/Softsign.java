package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** x/(1 + |x|), as {@code nn.Softsign}. */
public class Softsign extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public Softsign() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.softsign(input);
    }
}
