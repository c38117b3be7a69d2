package dev.myelin.data;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/** Row (first-dimension) selection on tensors by copying whole rows with {@link System#arraycopy}. */
public final class Rows {
    private Rows() {}

    /**
     * Copies the rows {@code indices} of {@code t}, in that order (like {@code t[indices]} in PyTorch).
     *
     * @param t a tensor with at least one dimension (a view is read through {@link Tensor#values()})
     * @param indices row positions; repeats are allowed
     * @return a new tensor of shape [indices.length, ...t.shape[1:]]
     * @throws IllegalArgumentException if {@code t} is a scalar
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, t.size(0))}
     */
    public static Tensor take(Tensor t, int[] indices) {
        if (t.dim() == 0)
            throw new IllegalArgumentException("Rows.take: tensor must have a first (row) dimension, got a scalar");
        int n = t.size(0), row = rowSize(t);
        float[] src = t.values(), out = new float[indices.length * row];
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

    /**
     * Copies rows [from, to) of {@code t} (like {@code t[from:to]}).
     *
     * @param t a tensor with at least one dimension (a view is read through {@link Tensor#values()})
     * @param from the first row, inclusive
     * @param to the end row, exclusive
     * @return a new tensor of shape [to - from, ...t.shape[1:]]
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= t.size(0)}
     */
    public static Tensor range(Tensor t, int from, int to) {
        int n = t.size(0);
        if (from < 0 || to > n || from > to)
            throw new IndexOutOfBoundsException("Rows.range: [" + from + ", " + to + ") is not within " + n + " rows");
        int row = rowSize(t);
        int[] shape = t.shape();
        shape[0] = to - from;
        return new Tensor(Arrays.copyOfRange(t.values(), from * row, to * row), shape);
    }

    /**
     * Counts the elements of one row.
     *
     * @param t a tensor with at least one dimension
     * @return the product of all dimensions but the first (1 for a 1-D tensor)
     */
    public static int rowSize(Tensor t) {
        int[] s = t.shape();
        int r = 1;
        for (int i = 1; i < s.length; i++) r *= s[i];
        return r;
    }

    /**
     * Computes the shape of one row.
     *
     * @param t a tensor with at least one dimension
     * @return {@code t.shape[1:]} (empty for a 1-D tensor)
     */
    public static int[] rowShape(Tensor t) {
        int[] s = t.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * Converts X [n][f] to a tensor [n, f], after {@link Inputs#flatten(float[][], String)}'s checks.
     *
     * @param x the rows, non-empty, rectangular and finite
     * @param who the caller named in error messages
     * @return a new tensor of shape [n, f]
     * @throws IllegalArgumentException if X is null, empty, ragged or not finite
     */
    public static Tensor fromArray(float[][] x, String who) {
        return new Tensor(Inputs.flatten(x, who), x.length, x[0].length);
    }

    /**
     * Copies the rows of a 2-D tensor into arrays.
     *
     * @param t a tensor of shape [n, f]
     * @return new arrays [n][f]
     * @throws IllegalArgumentException if {@code t} is not 2-D
     */
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

    /**
     * Copies the rows {@code indices} of X, in that order.
     *
     * @param x the rows
     * @param indices row positions; repeats are allowed
     * @return new rows, one copy per index
     */
    public static float[][] take(float[][] x, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int k = 0; k < indices.length; k++) out[k] = x[indices[k]].clone();
        return out;
    }

    /**
     * Selects the entries {@code indices} of y, in that order.
     *
     * @param y the labels
     * @param indices positions in y; repeats are allowed
     * @return a new array of {@code indices.length} entries
     */
    public static int[] take(int[] y, int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = y[indices[k]];
        return out;
    }

    /**
     * Selects the entries {@code indices} of y, in that order.
     *
     * @param y the targets
     * @param indices positions in y; repeats are allowed
     * @return a new array of {@code indices.length} entries
     */
    public static float[] take(float[] y, int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) out[k] = y[indices[k]];
        return out;
    }
}
