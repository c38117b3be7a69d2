package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** log(1 + e^(βx))/β, linear where βx &gt; threshold (defaults β=1, threshold=20), as {@code nn.Softplus}. */
public class Softplus extends Module {
    private static final Arg<Softplus, Double> BETA = Arg.number("beta", 1, Softplus::beta);
    private static final Arg<Softplus, Double> THRESHOLD = Arg.number("threshold", 20, Softplus::threshold);
    public static final ModuleType<Softplus> TYPE = ModuleType.of(
            Softplus.class,
            List.of(BETA, THRESHOLD),
            (a, gen) -> new Softplus(a.get(BETA), a.get(THRESHOLD)),
            a -> new StateShapes());

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
