package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** log(softmax(x)) along a dim (default −1), computed stably, as {@code nn.LogSoftmax}. */
public class LogSoftmax extends Module {
    private final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    public LogSoftmax() {
        this(-1);
    }

    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
