package dev.myelin.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: element counts, row-major strides, broadcasting, dim checks. */
public final class Shapes {
    private Shapes() {}

    /**
     * The number of elements of a shape: the product of its sizes, 1 for the 0-d shape [].
     *
     * @param shape the sizes
     * @return the product of the sizes
     * @throws IllegalArgumentException if a size is negative or the count exceeds 2^31-1
     */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            n *= s;
            if (n > Integer.MAX_VALUE)
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /**
     * Row-major (C order) strides in elements: the last dim has stride 1, each earlier one the product of the later
     * sizes (a size 0 counted as 1).
     *
     * @param shape the sizes
     * @return a new array with one stride per dim
     */
    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /**
     * The broadcast shape of two shapes, with NumPy and PyTorch's rule: align from the right; each pair of sizes must
     * be equal or one of them 1 (a missing leading dim counts as 1).
     *
     * @param op the operation to name in an error
     * @param a one shape
     * @param b the other shape
     * @return the broadcast shape, with as many dims as the longer of the two
     * @throws ShapeMismatchException if the shapes do not broadcast; the message names both shapes and the dim
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (dim " + i + ": " + da + " vs " + db + ")");
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides to read a compact tensor of {@code shape} as if it had the {@code target} shape it broadcasts to:
     * stretched and new leading dims get stride 0.
     *
     * @param shape the tensor's own sizes
     * @param target the broadcast shape, at least as many dims
     * @return one stride per dim of {@code target}
     */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] st = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < target.length; i++) {
            if (i < lead) continue;
            int d = shape[i - lead];
            st[i] = d == 1 && target[i] != 1 ? 0 : own[i - lead];
        }
        return st;
    }

    /**
     * A possibly negative dim as 0..rank-1, as PyTorch wraps dims ({@code -1} is the last). A 0-d tensor accepts 0 and
     * -1.
     *
     * @param op the operation to name in an error
     * @param dim the dim as given, in [-rank, rank)
     * @param rank the number of dims
     * @return the dim in [0, rank)
     * @throws IllegalArgumentException if {@code dim} is out of range; the message names the op and the valid range
     */
    public static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r)
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected -" + r + ".." + (r - 1) + ")");
        return dim < 0 ? dim + r : dim;
    }

    /**
     * Validates a shape given to a factory before anything is allocated.
     *
     * @param op the operation to name in an error
     * @param shape the sizes
     * @return a copy of {@code shape}
     * @throws IllegalArgumentException if a size is negative
     */
    public static int[] checked(String op, int... shape) {
        for (int s : shape)
            if (s < 0)
                throw new IllegalArgumentException(op + ": negative size " + s + " in shape " + Arrays.toString(shape));
        return shape.clone();
    }

    /**
     * {@return a shape as text for messages, such as {@code [2, 3]}}
     *
     * @param shape the sizes
     */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The product of the sizes of dims {@code from} (inclusive) to {@code to} (exclusive); 1 for an empty range.
     *
     * @param shape the sizes
     * @param from the first dim
     * @param to the dim to stop before
     * @return the product
     */
    public static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /**
     * Whether a layout is row-major: each dim's stride is the product of the later sizes (size-1 dims may have any
     * stride; a tensor with no elements always is).
     *
     * @param shape the sizes
     * @param strides the strides, one per dim
     * @return true if the layout is contiguous
     */
    public static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) return true;
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Strides to read a tensor of {@code shape} with {@code strides} as the {@code target} shape it broadcasts to:
     * stretched and new leading dims get stride 0, the others keep theirs.
     *
     * @param shape the tensor's own sizes
     * @param strides the tensor's own strides
     * @param target the broadcast shape, at least as many dims
     * @return one stride per dim of {@code target}
     */
    public static int[] expandStrides(int[] shape, int[] strides, int[] target) {
        int[] st = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = lead; i < target.length; i++)
            st[i] = shape[i - lead] == 1 && target[i] != 1 ? 0 : strides[i - lead];
        return st;
    }
}
