package dev.myelin.nn;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * The mean over one dim, as {@code x.mean(dim, keepdim)}: {@code Mean(1)} after a batch-first Transformer encoder
 * pools its [N, T, E] outputs over the time steps into [N, E] for a linear classifier, so that a sequence
 * classifier is plain architecture JSON. A negative dim counts from the end.
 */
public class Mean extends Module {
    private static final Arg<Mean, Integer> DIM = Arg.integer("dim", 1, Mean::dim);
    private static final Arg<Mean, Boolean> KEEP_DIM = Arg.bool("keepDim", false, Mean::keepDim);
    /** {@code {"type":"Mean","dim":1}}: the mean over the steps of [N, T, E]. */
    public static final ModuleType<Mean> TYPE = ModuleType.of(
            Mean.class,
            List.of(DIM, KEEP_DIM),
            (a, gen) -> new Mean(a.get(DIM), a.get(KEEP_DIM)),
            a -> new StateShapes());

    private final int dim;
    private final boolean keepDim;

    /**
     * The mean over {@code dim}, keeping it as size 1 when {@code keepDim}.
     *
     * @param dim the dim to average over (negative counts from the end)
     * @param keepDim whether the output keeps the dim with size 1
     */
    public Mean(int dim, boolean keepDim) {
        this.dim = dim;
        this.keepDim = keepDim;
    }

    /**
     * The mean over {@code dim}, which is dropped (keepdim=False).
     *
     * @param dim the dim to average over (negative counts from the end)
     */
    public Mean(int dim) {
        this(dim, false);
    }

    /** {@return the dim averaged over (as given; may be negative)} */
    public int dim() {
        return dim;
    }

    /** {@return whether the output keeps the dim with size 1} */
    public boolean keepDim() {
        return keepDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        if (s.length == 0)
            throw new ShapeMismatchException("Mean: expected an input with dim " + dim + ", got a scalar");
        return input.mean(Shapes.dim("Mean", dim, s.length), keepDim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + (keepDim ? ", keepdim=True" : "");
    }
}
