package dev.myelin.data;

import dev.myelin.tensor.Tensor;

import java.util.Arrays;

/** Row (first-dimension) selection on tensors by copying whole rows with {@link System#arraycopy}. */
public final class Rows {
    private Rows() {}

    /** The rows {@code indices} of {@code t}, in that order: shape [indices.length, ...t.shape[1:]]. */
    public static Tensor take(Tensor t, int[] indices) {
        if (t.dim() == 0) throw new IllegalArgumentException("Rows.take: tensor must have a first (row) dimension, got a scalar");
        int n = t.size(0), row = rowSize(t);
        float[] src = t.data(), out = new float[indices.length * row];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= n) throw new IndexOutOfBoundsException("Rows.take: row index " + i + " is out of range for " + n + " rows");
            System.arraycopy(src, i * row, out, k * row, row);
        }
        int[] shape = t.shape();
        shape[0] = indices.length;
        return new Tensor(out, shape);
    }

    /** Rows [from, to) of {@code t}. */
    public static Tensor range(Tensor t, int from, int to) {
        int n = t.size(0);
        if (from < 0 || to > n || from > to) throw new IndexOutOfBoundsException("Rows.range: [" + from + ", " + to + ") is not within " + n + " rows");
        int row = rowSize(t);
        int[] shape = t.shape();
        shape[0] = to - from;
        return new Tensor(Arrays.copyOfRange(t.data(), from * row, to * row), shape);
    }

    /** The number of elements in one row (product of all dims but the first). */
    public static int rowSize(Tensor t) {
        int[] s = t.shape();
        int r = 1;
        for (int i = 1; i < s.length; i++) r *= s[i];
        return r;
    }

    /** The shape of one row: {@code t.shape[1:]}. */
    public static int[] rowShape(Tensor t) {
        int[] s = t.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }
}
