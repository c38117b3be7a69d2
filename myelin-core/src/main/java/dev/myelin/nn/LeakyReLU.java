package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** x if x &gt; 0 else negativeSlope·x (default 0.01), as {@code nn.LeakyReLU}. */
public class LeakyReLU extends Module {
    private static final Arg<LeakyReLU, Double> NEGATIVE_SLOPE =
            Arg.number("negativeSlope", 0.01, LeakyReLU::negativeSlope);
    /** The registered module type: {@code {"type":"LeakyReLU","negativeSlope":0.01}} in architecture JSON. */
    public static final ModuleType<LeakyReLU> TYPE = ModuleType.of(
            LeakyReLU.class,
            List.of(NEGATIVE_SLOPE),
            (a, gen) -> new LeakyReLU(a.get(NEGATIVE_SLOPE)),
            a -> new StateShapes());

    private final double negativeSlope;

    /**
     * A leaky ReLU with the given slope, as {@code nn.LeakyReLU(negative_slope)}.
     *
     * @param negativeSlope the slope for x ≤ 0 (PyTorch's default is 0.01)
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /** A leaky ReLU with PyTorch's default slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    /** {@return the slope for x ≤ 0} */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Repr.pyFloat(negativeSlope);
    }
}
