package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Normalized exponentials along a dim (default −1), as {@code nn.Softmax}; the multi-class output activation. */
public class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    public Softmax() {
        this(-1);
    }

    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
