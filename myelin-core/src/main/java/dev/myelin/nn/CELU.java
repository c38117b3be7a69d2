package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** x if x &gt; 0 else alpha·(e^(x/alpha) − 1) (default alpha 1), as {@code nn.CELU}. */
public class CELU extends Module {
    private static final Arg<CELU, Double> ALPHA = Arg.number("alpha", 1.0, CELU::alpha);
    /** The registered module type: {@code {"type":"CELU","alpha":1.0}} in architecture JSON. */
    public static final ModuleType<CELU> TYPE =
            ModuleType.of(CELU.class, List.of(ALPHA), (a, gen) -> new CELU(a.get(ALPHA)), a -> new StateShapes());

    private final double alpha;

    /**
     * A CELU with the given alpha, as {@code nn.CELU(alpha)}.
     *
     * @param alpha the scale of the negative branch (PyTorch's default is 1.0)
     * @throws IllegalArgumentException if alpha is 0 or NaN
     */
    public CELU(double alpha) {
        if (alpha == 0 || Double.isNaN(alpha))
            throw new IllegalArgumentException("CELU: alpha cannot be 0 (it divides x), got " + alpha);
        this.alpha = alpha;
    }

    /** A CELU with PyTorch's default alpha 1.0. */
    public CELU() {
        this(1.0);
    }

    /** {@return the scale of the negative branch} */
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
