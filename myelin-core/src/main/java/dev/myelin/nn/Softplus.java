package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** log(1 + e^(βx))/β, linear where βx &gt; threshold (defaults β=1, threshold=20), as {@code nn.Softplus}. */
public class Softplus extends Module {
    private static final Arg<Softplus, Double> BETA = Arg.number("beta", 1, Softplus::beta);
    private static final Arg<Softplus, Double> THRESHOLD = Arg.number("threshold", 20, Softplus::threshold);
    /** The registered module type: {@code {"type":"Softplus","beta":1,"threshold":20}} in architecture JSON. */
    public static final ModuleType<Softplus> TYPE = ModuleType.of(
            Softplus.class,
            List.of(BETA, THRESHOLD),
            (a, gen) -> new Softplus(a.get(BETA), a.get(THRESHOLD)),
            a -> new StateShapes());

    private final double beta, threshold;

    /**
     * A softplus with the given sharpness and threshold, as {@code nn.Softplus(beta, threshold)}.
     *
     * @param beta the sharpness β (PyTorch's default is 1)
     * @param threshold above which βx the function is taken as linear (PyTorch's default is 20)
     * @throws IllegalArgumentException if beta is not positive
     */
    public Softplus(double beta, double threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("Softplus: beta must be positive, got " + beta);
        this.beta = beta;
        this.threshold = threshold;
    }

    /** A softplus with PyTorch's defaults β = 1, threshold = 20. */
    public Softplus() {
        this(1, 20);
    }

    /** {@return the sharpness β} */
    public double beta() {
        return beta;
    }

    /** {@return the threshold above which βx the function is linear} */
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
