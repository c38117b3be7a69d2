package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** log(softmax(x)) along a dim (default −1), computed stably, as {@code nn.LogSoftmax}. */
public class LogSoftmax extends Module {
    private static final Arg<LogSoftmax, Integer> DIM = Arg.integer("dim", -1, LogSoftmax::dim);
    public static final ModuleType<LogSoftmax> TYPE = ModuleType.of(
            LogSoftmax.class, List.of(DIM), (a, gen) -> new LogSoftmax(a.get(DIM)), a -> new StateShapes());

    private final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    public LogSoftmax() {
        this(-1);
    }

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
