package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** Normalized exponentials along a dim (default −1), as {@code nn.Softmax}; the multi-class output activation. */
public class Softmax extends Module {
    private static final Arg<Softmax, Integer> DIM = Arg.integer("dim", -1, Softmax::dim);
    public static final ModuleType<Softmax> TYPE =
            ModuleType.of(Softmax.class, List.of(DIM), (a, gen) -> new Softmax(a.get(DIM)), a -> new StateShapes());

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
