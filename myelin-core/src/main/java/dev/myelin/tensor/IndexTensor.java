package dev.myelin.tensor;

import java.util.Arrays;

/**
 * An immutable n-dimensional array of int32 indices (shape, row-major {@code int[]}), as a PyTorch
 * integer tensor used for indexing: {@link Tensor#indexSelect}, {@link Tensor#gather},
 * {@link Tensor#scatterAdd}, {@link Tensor#oneHot}, {@code F.embedding} / {@code Embedding} and the
 * class-index targets of {@code CrossEntropyLoss} / {@code NLLLoss} all take one. Exact for every int,
 * unlike the float tensors of whole numbers that those ops also accept: float32 holds every whole
 * number only up to 2^24 = 16,777,216 ({@code (float) 16777217 == 16777216f}), so a table or a dim
 * longer than that needs an {@code IndexTensor}. The float overloads convert through
 * {@link #fromTensor(String, String, Tensor)}, which refuses values of magnitude 2^24 or more rather
 * than read a neighbouring row.
 *
 * <p>Indices are never differentiable; an {@code IndexTensor} has no autograd state and is not a
 * {@link Tensor}. Values may be negative (an {@code ignoreIndex} target such as −100); each op checks
 * the range it needs and names the op, the position and the value when one is out of it.
 */
public final class IndexTensor {
    /** 2^24: from here on float32 no longer holds every whole number, so float indices are refused. */
    public static final int FLOAT_EXACT_LIMIT = 1 << 24;

    private final int[] data;
    private final int[] shape;

    /** Wraps without copying; callers hand over both arrays. */
    private IndexTensor(int[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** Wraps {@code data} (not copied) as {@code shape}, for the ops in this package that build indices. */
    static IndexTensor wrap(int[] data, int[] shape) {
        if (data.length != Shapes.numel(shape))
            throw new ShapeMismatchException(
                    "IndexTensor: " + data.length + " values do not fill shape " + Shapes.str(shape));
        return new IndexTensor(data, shape.clone());
    }

    // ---------------------------------------------------------------- factories

    /**
     * A copy of {@code values} with the given shape, as {@code torch.tensor(values, dtype=torch.int32)}; without a
     * shape it is 1-D (also for one value, as {@code torch.tensor([3])}; use {@link #scalar} for a 0-d index).
     *
     * @param values the indices in row-major order (copied)
     * @param shape the size of each dim; none for 1-D
     * @return a new index tensor
     * @throws ShapeMismatchException if the values do not fill {@code shape}
     * @throws IllegalArgumentException if a size is negative
     */
    public static IndexTensor of(int[] values, int... shape) {
        int[] s = shape.length == 0 ? new int[] {values.length} : Shapes.checked("IndexTensor.of", shape);
        if (values.length != Shapes.numel(s))
            throw new ShapeMismatchException("IndexTensor.of: " + values.length + " values do not fill shape "
                    + Shapes.str(s) + " (" + Shapes.numel(s) + " elements)");
        return new IndexTensor(values.clone(), s);
    }

    /**
     * A 0-d index (shape []), as {@code torch.tensor(value)}.
     *
     * @param value the index
     * @return a new 0-d index tensor
     */
    public static IndexTensor scalar(int value) {
        return new IndexTensor(new int[] {value}, new int[0]);
    }

    /**
     * An index tensor with every element {@code value}, as {@code torch.full(shape, value, dtype=torch.int32)}.
     *
     * @param value the value of every element
     * @param shape the size of each dim
     * @return a new index tensor
     * @throws IllegalArgumentException if a size is negative
     */
    public static IndexTensor full(int value, int... shape) {
        int[] d = new int[Shapes.numel(Shapes.checked("IndexTensor.full", shape))];
        Arrays.fill(d, value);
        return new IndexTensor(d, shape.clone());
    }

    /**
     * 0, 1, ..., end - 1, as {@code torch.arange(end)}; empty for {@code end <= 0}.
     *
     * @param end the bound, not included
     * @return a new 1-D index tensor
     */
    public static IndexTensor arange(int end) {
        return arange(0, end, 1);
    }

    /**
     * start, start + step, ... up to but excluding {@code end}, as {@code torch.arange(start, end, step)} of an integer
     * dtype; empty when {@code step} points away from {@code end}.
     *
     * @param start the first value
     * @param end the bound, not included
     * @param step the distance between neighbours, positive or negative
     * @return a new 1-D index tensor
     * @throws IllegalArgumentException if {@code step} is zero or there would be more than 2^31-1 values
     */
    public static IndexTensor arange(int start, int end, int step) {
        if (step == 0) throw new IllegalArgumentException("IndexTensor.arange: step must be non-zero, got 0");
        long n = Math.max(
                0, (step > 0 ? (long) end - start + step - 1 : (long) start - end - step - 1) / Math.abs((long) step));
        if (n > Integer.MAX_VALUE)
            throw new IllegalArgumentException(
                    "IndexTensor.arange: more than 2^31-1 values from " + start + " to " + end);
        int[] d = new int[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = (int) (start + (long) i * step);
        return new IndexTensor(d, new int[] {d.length});
    }

    /**
     * The whole numbers held by a float tensor (any layout), checked as {@link #fromTensor(String, String, Tensor)}
     * does; errors name {@code IndexTensor.fromTensor}.
     *
     * @param t a tensor of whole numbers of magnitude below 2^24
     * @return a new index tensor of {@code t}'s shape
     * @throws IllegalArgumentException if a value is not a whole number or its magnitude is 2^24 or more
     */
    public static IndexTensor fromTensor(Tensor t) {
        return fromTensor("IndexTensor.fromTensor", "value", t);
    }

    /**
     * The whole numbers held by a float tensor, for code that accepts float indices: every value must be a whole number
     * of magnitude below 2^24 (above it a float cannot tell neighbouring indices apart). Errors name {@code op}, what
     * the values are ({@code noun}: "index", "target"), the position and the value.
     *
     * @param op the operation to name in an error, such as {@code "gather"}
     * @param noun what the values are, to name in an error, such as {@code "target"}
     * @param t a tensor of whole numbers of magnitude below 2^24
     * @return a new index tensor of {@code t}'s shape
     * @throws IllegalArgumentException if a value is not a whole number (also NaN or infinite) or its magnitude is 2^24
     *     or more
     */
    public static IndexTensor fromTensor(String op, String noun, Tensor t) {
        float[] f = t.values();
        int[] shape = t.shape(), d = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            float v = f[i];
            if (v != Math.rint(v)) // also NaN and ±inf
            throw new IllegalArgumentException(
                        op + ": " + noun + " " + v + " at position " + position(shape, i) + " is not a whole number");
            if (Math.abs(v) >= FLOAT_EXACT_LIMIT)
                throw new IllegalArgumentException(
                        op + ": " + noun + " " + (long) v + " at position " + position(shape, i)
                                + " is not exact as a float: float32 holds whole numbers exactly only below 2^24 = "
                                + FLOAT_EXACT_LIMIT
                                + " (16777217 reads as 16777216); pass the indices as an IndexTensor (IndexTensor.of(int[]))");
            d[i] = (int) v;
        }
        return new IndexTensor(d, shape);
    }

    // ---------------------------------------------------------------- accessors

    /** {@return a copy of the sizes of the dims; empty for a 0-d index} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of dims (the rank); 0 for a scalar index} */
    public int dim() {
        return shape.length;
    }

    /**
     * The size of one dim, as {@code x.size(dim)}.
     *
     * @param dim the dim, negative counting from the end
     * @return the number of elements along {@code dim}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /** {@return the number of elements, the product of the sizes} */
    public int numel() {
        return data.length;
    }

    /**
     * The element at the given coordinates (one per dim).
     *
     * @param index one coordinate per dim, each in [0, size)
     * @return the index stored there
     * @throws IllegalArgumentException if the number of coordinates is not {@link #dim()}
     * @throws IndexOutOfBoundsException if a coordinate is outside its dim
     */
    public int get(int... index) {
        if (index.length != shape.length)
            throw new IllegalArgumentException(
                    "IndexTensor.get: " + index.length + " coordinates for rank " + shape.length);
        int at = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i])
                throw new IndexOutOfBoundsException("IndexTensor.get: index " + index[i] + " is out of bounds for dim "
                        + i + " of size " + shape[i]);
            at = at * shape[i] + index[i];
        }
        return data[at];
    }

    /**
     * The value of a one-element index, as {@code .item()}; any shape with one element works.
     *
     * @return the single value
     * @throws IllegalStateException if there is more or fewer than one element
     */
    public int item() {
        if (data.length != 1)
            throw new IllegalStateException(
                    "item: index tensor has " + data.length + " elements, shape " + Shapes.str(shape));
        return data[0];
    }

    /** {@return a copy of the values in row-major order} */
    public int[] toArray() {
        return data.clone();
    }

    /** The values themselves, for the ops of this package: never written. */
    int[] raw() {
        return data;
    }

    /**
     * The values as a float tensor (for display, metrics, arithmetic); exact only below 2^24 in magnitude.
     *
     * @return a new compact float tensor of this shape
     */
    public Tensor toTensor() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = data[i];
        return new Tensor(f, shape);
    }

    /**
     * The same values with another shape (one size may be -1, inferred from the others), as {@code reshape}; shares the
     * (immutable) values.
     *
     * @param newShape the new sizes, with as many elements in total
     * @return an index tensor of the new shape
     * @throws ShapeMismatchException if the element counts differ
     * @throws IllegalArgumentException if more than one size is -1 or a size is otherwise negative
     */
    public IndexTensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0)
                    throw new IllegalArgumentException(
                            "reshape: only one size may be -1, got " + Arrays.toString(newShape));
                infer = i;
            } else if (s[i] < 0)
                throw new IllegalArgumentException(
                        "reshape: invalid size " + s[i] + " in " + Arrays.toString(newShape));
            else known *= s[i];
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0)
                throw new ShapeMismatchException(
                        "reshape: shape " + Arrays.toString(newShape) + " is invalid for " + data.length + " elements");
            s[infer] = data.length / known;
        }
        if (Shapes.numel(s) != data.length)
            throw new ShapeMismatchException("reshape: shape " + Arrays.toString(newShape)
                    + " is invalid for input of size " + data.length + " (shape " + Shapes.str(shape) + ")");
        return new IndexTensor(data, s);
    }

    /**
     * Checks that every index lies in [0, size) and returns this. The error names {@code op}, the position and the
     * value, and adds {@code context} (e.g. "num_embeddings=3") when it is not null.
     *
     * @param op the operation to name in an error
     * @param size the exclusive upper bound
     * @param context what the bound is, added to the message in parentheses, or null
     * @return this index tensor
     * @throws IndexOutOfBoundsException if an index is negative or at least {@code size}
     */
    public IndexTensor checkRange(String op, int size, String context) {
        for (int i = 0; i < data.length; i++)
            if (data[i] < 0 || data[i] >= size)
                throw new IndexOutOfBoundsException(op + ": index " + data[i] + " at position " + position(shape, i)
                        + " is out of range [0, " + size + ")" + (context == null ? "" : " (" + context + ")"));
        return this;
    }

    /** A flat position as coordinates for n-d shapes ("[1, 2]"), as a plain number for 0-d and 1-d ones. */
    static String position(int[] shape, int flat) {
        if (shape.length <= 1) return Integer.toString(flat);
        int[] c = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            c[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(c);
    }

    // ---------------------------------------------------------------- equality and printing

    /** Same shape and same values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IndexTensor other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    /** {@return a hash of the shape and the values, consistent with {@link #equals}} */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    private static final int THRESHOLD = 1000, EDGE = 3;

    /**
     * As PyTorch prints an int32 tensor: {@code tensor([[1, 2], [3, 4]], dtype=torch.int32)}, numbers right-aligned,
     * the middle of each dim elided past 1000 elements (aligned to the widest of all values, where PyTorch
     * takes the widest printed one).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean elide = data.length > THRESHOLD;
        if (data.length == 0) sb.append("[]");
        else {
            int width = 0;
            for (int v : data) width = Math.max(width, Integer.toString(v).length());
            write(sb, 0, 0, width, elide);
        }
        if (data.length == 0 && shape.length != 1) {
            sb.append(", size=(");
            for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
            sb.append(shape.length == 1 ? ",)" : ")");
        }
        return sb.append(", dtype=torch.int32)").toString();
    }

    private void write(StringBuilder sb, int dim, int offset, int width, boolean elide) {
        if (shape.length == 0) {
            sb.append(data[0]);
            return;
        }
        int n = shape[dim], stride = Shapes.prod(shape, dim + 1, shape.length), indent = "tensor(".length();
        boolean last = dim == shape.length - 1;
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? " ..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (last) {
                String s = Integer.toString(data[offset + i]);
                sb.append(" ".repeat(width - s.length())).append(s);
            } else write(sb, dim + 1, offset + i * stride, width, elide);
            if (i < n - 1)
                sb.append(last ? ", " : ",\n" + "\n".repeat(shape.length - dim - 2) + " ".repeat(indent + dim + 1));
        }
        sb.append(']');
    }
}
