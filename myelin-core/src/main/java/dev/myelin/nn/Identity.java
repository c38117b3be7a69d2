package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Returns its input unchanged (the "linear"/identity activation), as {@code nn.Identity}. */
public class Identity extends Module {
    /** Creates the identity; it has no parameters. */
    public Identity() {}

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
