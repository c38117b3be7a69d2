package dev.myelin.nn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Picks one index along a dim and drops that dim, as {@code x.select(dim, index)} ({@code x[:, -1]} for dim 1,
 * index −1); a negative index counts from the end. Its use: {@code Select(1, -1)} after a batch-first recurrent
 * layer passes the last time step's output [N, H] to a linear layer, so a sequence classifier is plain architecture
 * JSON. A view of its input: the gradient goes to the selected slice only.
 */
public class Select extends Module {
    private static final Arg<Select, Integer> DIM =
            Arg.of("dim", true, null, Arg::anInt, Select::dim, (v, f) -> JsonNodeFactory.instance.numberNode(v));
    private static final Arg<Select, Integer> INDEX =
            Arg.of("index", true, null, Arg::anInt, Select::index, (v, f) -> JsonNodeFactory.instance.numberNode(v));
    /** {@code {"type":"Select","dim":1,"index":-1}}: the last step of [N, T, H]. */
    public static final ModuleType<Select> TYPE = ModuleType.of(
            Select.class,
            List.of(DIM, INDEX),
            (a, gen) -> new Select(a.get(DIM), a.get(INDEX)),
            a -> new StateShapes());

    private final int dim, index;

    /**
     * Picks {@code index} along {@code dim}.
     *
     * @param dim the dim to pick from and drop (negative counts from the end)
     * @param index the position along it (negative counts from the end; −1 is the last)
     */
    public Select(int dim, int index) {
        this.dim = dim;
        this.index = index;
    }

    /** {@return the dim picked from (as given; may be negative)} */
    public int dim() {
        return dim;
    }

    /** {@return the position picked (as given; may be negative)} */
    public int index() {
        return index;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        if (s.length == 0)
            throw new ShapeMismatchException("Select: expected an input with dim " + dim + ", got a scalar");
        int d = Shapes.dim("Select", dim, s.length);
        if (index < -s[d] || index >= s[d])
            throw new ShapeMismatchException(
                    "Select: index " + index + " is out of range for dim " + dim + " of input shape " + Shapes.str(s));
        return input.select(d, index);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", index=" + index;
    }
}
