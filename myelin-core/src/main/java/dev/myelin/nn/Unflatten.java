package dev.myelin.nn;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Splits dim {@code dim} into {@code sizes}, as {@code nn.Unflatten(dim, unflattened_size)}: the inverse of
 * {@link Flatten}, e.g. flat [N, 784] rows (CSV pixels) to [N, 1, 28, 28] images. A view when the input allows.
 */
public class Unflatten extends Module {
    private static final Arg<Unflatten, Integer> DIM = Arg.integer("dim", 1, Unflatten::dim);
    private static final Arg<Unflatten, int[]> SIZES = Arg.shape("sizes", Unflatten::sizes);
    /** The registered module type: {@code {"type":"Unflatten","dim":1,"sizes":[1,28,28]}} in architecture JSON. */
    public static final ModuleType<Unflatten> TYPE = ModuleType.of(
            Unflatten.class,
            List.of(DIM, SIZES),
            (a, gen) -> new Unflatten(a.get(DIM), a.get(SIZES)),
            a -> new StateShapes());

    private final int dim;
    private final int[] sizes;

    /**
     * Splits {@code dim} into {@code sizes}, as {@code nn.Unflatten(dim, unflattened_size)}.
     *
     * @param dim the dim to split (negative counts from the end)
     * @param sizes the sizes it becomes; their product must equal the dim's size
     * @throws IllegalArgumentException if sizes is empty or has a size ≤ 0
     */
    public Unflatten(int dim, int... sizes) {
        if (sizes == null || sizes.length == 0)
            throw new IllegalArgumentException("Unflatten: sizes must not be empty");
        for (int s : sizes)
            if (s <= 0)
                throw new IllegalArgumentException("Unflatten: sizes must be positive, got " + Shapes.str(sizes));
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    /** {@return the dim that is split (as given; may be negative)} */
    public int dim() {
        return dim;
    }

    /** {@return the sizes the dim becomes; a copy} */
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        if (s.length == 0)
            throw new ShapeMismatchException("Unflatten: expected an input with dim " + dim + ", got a scalar");
        int d = Shapes.dim("Unflatten", dim, s.length);
        if (s[d] != Shapes.numel(sizes))
            throw new ShapeMismatchException("Unflatten: dim " + dim + " of input shape " + Shapes.str(s) + " has size "
                    + s[d] + ", which is not the product of sizes " + Shapes.str(sizes) + " (" + Shapes.numel(sizes)
                    + ")");
        int[] out = new int[s.length - 1 + sizes.length];
        System.arraycopy(s, 0, out, 0, d);
        System.arraycopy(sizes, 0, out, d, sizes.length);
        System.arraycopy(s, d + 1, out, d + sizes.length, s.length - d - 1);
        return input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        StringBuilder b = new StringBuilder("dim=" + dim + ", unflattened_size=(");
        for (int i = 0; i < sizes.length; i++) b.append(i > 0 ? ", " : "").append(sizes[i]);
        return b.append(sizes.length == 1 ? ",)" : ")").toString();
    }
}
