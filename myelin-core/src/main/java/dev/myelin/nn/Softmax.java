package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** Normalized exponentials along a dim (default −1), as {@code nn.Softmax}; the multi-class output activation. */
public class Softmax extends Module {
    private static final Arg<Softmax, Integer> DIM = Arg.integer("dim", -1, Softmax::dim);
    /** The registered module type: {@code {"type":"Softmax","dim":-1}} in architecture JSON. */
    public static final ModuleType<Softmax> TYPE =
            ModuleType.of(Softmax.class, List.of(DIM), (a, gen) -> new Softmax(a.get(DIM)), a -> new StateShapes());

    private final int dim;

    /**
     * A Softmax along {@code dim}, as {@code nn.Softmax(dim)}.
     *
     * @param dim the dimension to normalize over (negative counts from the end)
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** A Softmax along the last dim (−1), e.g. over the classes of [N, C] logits. */
    public Softmax() {
        this(-1);
    }

    /** {@return the dimension normalized over (as given; may be negative)} */
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
