package dev.myelin.data;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/** Row (first-dimension) selection on tensors by copying whole rows with {@link System#arraycopy}. */
public final class Rows {
    private Rows() {}

    /** The rows {@code indices} of {@code t}, in that order: shape [indices.length, ...t.shape[1:]]. */
    public static Tensor take(Tensor t, int[] indices) {
        if (t.dim() == 0)
            throw new IllegalArgumentException("Rows.take: tensor must have a first (row) dimension, got a scalar");
        int n = t.size(0), row = rowSize(t);
        float[] src = t.data(), out = new float[indices.length * row];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= n)
                throw new IndexOutOfBoundsException(
                        "Rows.take: row index " + i + " is out of range for " + n + " rows");
            System.arraycopy(src, i * row, out, k * row, row);
        }
        int[] shape = t.shape();
        shape[0] = indices.length;
        return new Tensor(out, shape);
    }

    /** Rows [from, to) of {@code t}. */
    public static Tensor range(Tensor t, int from, int to) {
        int n = t.size(0);
        if (from < 0 || to > n || from > to)
            throw new IndexOutOfBoundsException("Rows.range: [" + from + ", " + to + ") is not within " + n + " rows");
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

    /** X [n][f] as a tensor [n, f], after {@link Inputs#flatten}'s checks (non-empty, rectangular, finite) naming {@code who}. */
    public static Tensor fromArray(float[][] x, String who) {
        return new Tensor(Inputs.flatten(x, who), x.length, x[0].length);
    }

    /** The rows of a 2-D tensor [n, f] as arrays [n][f]. */
    public static float[][] toArray(Tensor t) {
        if (t.dim() != 2)
            throw new IllegalArgumentException(
                    "Rows.toArray: expected a 2-D tensor [rows, columns], got shape " + Arrays.toString(t.shape()));
        int n = t.size(0), f = t.size(1);
        float[] d = t.contiguous().data();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays.copyOfRange(d, i * f, (i + 1) * f);
        return out;
    }

    /** The rows {@code indices} of X, copied. */
    public static float[][] take(float[][] x, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int k = 0; k < indices.length; k++) out[k] = x[indices[k]].clone();
        return out;
    }

    /** The entries {@code indices} of y. */
    public static int[] take(int[] y, int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = y[indices[k]];
        return out;
    }

    /** The entries {@code indices} of y. */
    public static float[] take(float[] y, int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = y[indices[k]];
        return out;
    }
}
