package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** log(1 + e^(βx))/β, linear where βx &gt; threshold (defaults β=1, threshold=20), as {@code nn.Softplus}. */
public class Softplus extends Module {
    private final double beta, threshold;

    public Softplus(double beta, double threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("Softplus: beta must be positive, got " + beta);
        this.beta = beta;
        this.threshold = threshold;
    }

    public Softplus() {
        this(1, 20);
    }

    public double beta() {
        return beta;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softplus(input, beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + Repr.pyNumber(beta) + ", threshold=" + Repr.pyNumber(threshold);
    }
}
