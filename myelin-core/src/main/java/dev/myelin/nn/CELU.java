package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** x if x &gt; 0 else alpha·(e^(x/alpha) − 1) (default alpha 1), as {@code nn.CELU}. */
public class CELU extends Module {
    private static final Arg<CELU, Double> ALPHA = Arg.number("alpha", 1.0, CELU::alpha);
    public static final ModuleType<CELU> TYPE =
            ModuleType.of(CELU.class, List.of(ALPHA), (a, gen) -> new CELU(a.get(ALPHA)), a -> new StateShapes());

    private final double alpha;

    public CELU(double alpha) {
        if (alpha == 0 || Double.isNaN(alpha))
            throw new IllegalArgumentException("CELU: alpha cannot be 0 (it divides x), got " + alpha);
        this.alpha = alpha;
    }

    public CELU() {
        this(1.0);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.celu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Repr.pyFloat(alpha);
    }
}
