package dev.myelin.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: element counts, row-major strides, broadcasting, dim checks. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape; throws if a size is negative or the count overflows an int. */
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

    /** Row-major (C order) strides in elements. */
    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** NumPy/PyTorch broadcasting: align from the right; sizes must match or one must be 1. */
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

    /** Strides to read a tensor of {@code shape} as if it had {@code target} shape: broadcast dims get stride 0. */
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

    /** Turns a possibly negative dim into 0..rank-1, or throws naming the op. */
    public static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r)
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected -" + r + ".." + (r - 1) + ")");
        return dim < 0 ? dim + r : dim;
    }

    /** Validates a shape given to a factory: no negative sizes. */
    public static int[] checked(String op, int... shape) {
        for (int s : shape)
            if (s < 0)
                throw new IllegalArgumentException(op + ": negative size " + s + " in shape " + Arrays.toString(shape));
        return shape.clone();
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Product of sizes in [from, to). */
    public static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /** Row-major layout: each dim's stride is the product of the later sizes (size-1 dims may have any stride). */
    public static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) return true;
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** Strides to read a tensor of {@code shape} with {@code strides} as {@code target} shape: broadcast dims get stride 0. */
    public static int[] expandStrides(int[] shape, int[] strides, int[] target) {
        int[] st = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = lead; i < target.length; i++)
            st[i] = shape[i - lead] == 1 && target[i] != 1 ? 0 : strides[i - lead];
        return st;
    }
}
