package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** x if x &gt; 0 else alpha·(eˣ − 1) (default alpha 1), as {@code nn.ELU}. */
public class ELU extends Module {
    private static final Arg<ELU, Double> ALPHA = Arg.number("alpha", 1.0, ELU::alpha);
    /** The registered module type: {@code {"type":"ELU","alpha":1.0}} in architecture JSON. */
    public static final ModuleType<ELU> TYPE =
            ModuleType.of(ELU.class, List.of(ALPHA), (a, gen) -> new ELU(a.get(ALPHA)), a -> new StateShapes());

    private final double alpha;

    /**
     * An ELU with the given alpha, as {@code nn.ELU(alpha)}.
     *
     * @param alpha the saturation value for large negative x (PyTorch's default is 1.0)
     */
    public ELU(double alpha) {
        this.alpha = alpha;
    }

    /** An ELU with PyTorch's default alpha 1.0. */
    public ELU() {
        this(1.0);
    }

    /** {@return the saturation value for large negative x} */
    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Repr.pyFloat(alpha);
    }
}
