package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** x if x &gt; 0 else negativeSlope·x (default 0.01), as {@code nn.LeakyReLU}. */
public class LeakyReLU extends Module {
    private static final Arg<LeakyReLU, Double> NEGATIVE_SLOPE =
            Arg.number("negativeSlope", 0.01, LeakyReLU::negativeSlope);
    public static final ModuleType<LeakyReLU> TYPE = ModuleType.of(
            LeakyReLU.class,
            List.of(NEGATIVE_SLOPE),
            (a, gen) -> new LeakyReLU(a.get(NEGATIVE_SLOPE)),
            a -> new StateShapes());

    private final double negativeSlope;

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    public LeakyReLU() {
        this(0.01);
    }

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
