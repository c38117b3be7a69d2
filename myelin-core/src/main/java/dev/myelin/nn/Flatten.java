package dev.myelin.nn;

import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Flattens dims startDim..endDim into one (defaults 1 and −1: keep the batch dim), as {@code nn.Flatten}. */
public class Flatten extends Module {
    private static final Arg<Flatten, Integer> START_DIM = Arg.integer("startDim", 1, Flatten::startDim);
    private static final Arg<Flatten, Integer> END_DIM = Arg.integer("endDim", -1, Flatten::endDim);
    /** The registered module type: {@code {"type":"Flatten","startDim":1,"endDim":-1}} in architecture JSON. */
    public static final ModuleType<Flatten> TYPE = ModuleType.of(
            Flatten.class,
            List.of(START_DIM, END_DIM),
            (a, gen) -> new Flatten(a.get(START_DIM), a.get(END_DIM)),
            a -> new StateShapes());

    private final int startDim, endDim;

    /**
     * Flattens dims {@code startDim..endDim} (inclusive), as {@code nn.Flatten(start_dim, end_dim)}.
     *
     * @param startDim the first dim to flatten (PyTorch's default is 1; negative counts from the end)
     * @param endDim the last dim to flatten (PyTorch's default is −1)
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Flattens all dims but the batch dim, [N, C, H, W] to [N, C·H·W], as {@code nn.Flatten()}. */
    public Flatten() {
        this(1, -1);
    }

    /** {@return the first dim flattened (as given; may be negative)} */
    public int startDim() {
        return startDim;
    }

    /** {@return the last dim flattened (as given; may be negative)} */
    public int endDim() {
        return endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        if (s.length == 0) return input.reshape(1);
        int a = Shapes.dim("Flatten", startDim, s.length), b = Shapes.dim("Flatten", endDim, s.length);
        if (a > b)
            throw new IllegalArgumentException(
                    "Flatten: startDim " + startDim + " comes after endDim " + endDim + " for shape " + Shapes.str(s));
        int[] out = new int[s.length - (b - a)];
        System.arraycopy(s, 0, out, 0, a);
        out[a] = Shapes.prod(s, a, b + 1);
        System.arraycopy(s, b + 1, out, a + 1, s.length - b - 1);
        return Arrays.equals(out, s) ? input : input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
