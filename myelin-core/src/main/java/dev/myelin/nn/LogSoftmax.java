package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** log(softmax(x)) along a dim (default −1), computed stably, as {@code nn.LogSoftmax}. */
public class LogSoftmax extends Module {
    private static final Arg<LogSoftmax, Integer> DIM = Arg.integer("dim", -1, LogSoftmax::dim);
    /** The registered module type: {@code {"type":"LogSoftmax","dim":-1}} in architecture JSON. */
    public static final ModuleType<LogSoftmax> TYPE = ModuleType.of(
            LogSoftmax.class, List.of(DIM), (a, gen) -> new LogSoftmax(a.get(DIM)), a -> new StateShapes());

    private final int dim;

    /**
     * A LogSoftmax along {@code dim}, as {@code nn.LogSoftmax(dim)}.
     *
     * @param dim the dimension to normalize over (negative counts from the end)
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** A LogSoftmax along the last dim (−1), e.g. over the classes of [N, C] logits. */
    public LogSoftmax() {
        this(-1);
    }

    /** {@return the dimension normalized over (as given; may be negative)} */
    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
