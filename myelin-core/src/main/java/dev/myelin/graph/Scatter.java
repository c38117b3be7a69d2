package dev.myelin.graph;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.Simd;
import dev.myelin.kernel.SpMM;
import dev.myelin.kernel.SpMMPlain;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Scatter reductions along dim 0, as {@code torch_scatter.scatter(src, index, dim=0, dim_size, reduce)}: row e of
 * src goes to row {@code index[e]} of a [size, ...] result. The grouping is a {@link SparseMatrix} ([size, n], one
 * entry per element), so sum and mean are sparse products (their backward a gather through the transposed CSR)
 * and a graph layer passes the grouping its {@link EdgeIndex} built once. Rows that receive nothing are 0 for
 * every reduction (PyTorch Geometric's convention).
 */
public final class Scatter {
    private Scatter() {}

    /**
     * Σ of the rows of src [n, ...] grouped by index (values in [0, size)): [size, ...], as
     * {@code scatter(src, index, dim=0, dim_size=size, reduce="sum")}.
     *
     * @param src the rows to reduce, [n, ...]
     * @param index the group of each row, [n], values in [0, size)
     * @param size the number of groups (rows of the result)
     * @return the sums, [size, ...]; 0 for a group that receives nothing
     * @throws dev.myelin.tensor.ShapeMismatchException if index is not 1-D with one entry per row of src
     * @throws IndexOutOfBoundsException if an index is outside [0, size)
     */
    public static Tensor sum(Tensor src, IndexTensor index, int size) {
        return sum(src, grouping("Scatter.sum", src, index, size));
    }

    /**
     * The mean of the rows of src grouped by index, as {@code scatter(..., reduce="mean")}; 0 for an empty group.
     *
     * @param src the rows to reduce, [n, ...]
     * @param index the group of each row, [n], values in [0, size)
     * @param size the number of groups
     * @return the means, [size, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if index is not 1-D with one entry per row of src
     * @throws IndexOutOfBoundsException if an index is outside [0, size)
     */
    public static Tensor mean(Tensor src, IndexTensor index, int size) {
        return mean(src, grouping("Scatter.mean", src, index, size));
    }

    /**
     * The elementwise maximum of the rows of src grouped by index, as {@code scatter(..., reduce="max")}; 0 for an
     * empty group, the gradient to the first maximum.
     *
     * @param src the rows to reduce, [n, ...]
     * @param index the group of each row, [n], values in [0, size)
     * @param size the number of groups
     * @return the maxima, [size, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if index is not 1-D with one entry per row of src
     * @throws IndexOutOfBoundsException if an index is outside [0, size)
     */
    public static Tensor max(Tensor src, IndexTensor index, int size) {
        return max(src, grouping("Scatter.max", src, index, size));
    }

    /**
     * Σ over each group of a {@link SparseMatrix#grouping} [size, n].
     *
     * @param src the rows to reduce, [n, ...]
     * @param grouping the [size, n] grouping, e.g. {@link EdgeIndex#byTarget()}
     * @return the sums, [size, ...]; 0 for an empty group
     * @throws dev.myelin.tensor.ShapeMismatchException if src does not have one row per element of the grouping
     */
    public static Tensor sum(Tensor src, SparseMatrix grouping) {
        int[] s = checkRows("Scatter.sum", src, grouping);
        Tensor out = Sparse.mm(grouping, null, src.reshape(s[0], inner(s)));
        return out.reshape(withRows(s, grouping.rows()));
    }

    /**
     * The mean of each group (0 for an empty group).
     *
     * @param src the rows to reduce, [n, ...]
     * @param grouping the [size, n] grouping, e.g. {@link EdgeIndex#byTarget()}
     * @return the means, [size, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if src does not have one row per element of the grouping
     */
    public static Tensor mean(Tensor src, SparseMatrix grouping) {
        int[] counts = grouping.rowCounts();
        float[] inv = new float[counts.length];
        for (int r = 0; r < inv.length; r++) inv[r] = 1f / Math.max(1, counts[r]);
        int[] s = src.shape(), shape = new int[s.length];
        java.util.Arrays.fill(shape, 1);
        shape[0] = counts.length;
        return sum(src, grouping).mul(new Tensor(inv, shape));
    }

    /**
     * The elementwise maximum of each group (0 for an empty group); the gradient goes to the element that won
     * (the first maximum).
     *
     * @param src the rows to reduce, [n, ...]
     * @param grouping the [size, n] grouping, e.g. {@link EdgeIndex#byTarget()}
     * @return the maxima, [size, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if src does not have one row per element of the grouping
     */
    public static Tensor max(Tensor src, SparseMatrix grouping) {
        int[] s = checkRows("Scatter.max", src, grouping);
        int f = inner(s), n = s[0], size = grouping.rows();
        SparseMatrix.Csr csr = grouping.csr();
        float[] out = new float[Math.multiplyExact(size, f)];
        int[] argmax = new int[out.length];
        if (Simd.ENABLED)
            SpMM.csrMax(size, csr.rowPtr(), csr.col(), src.reshape(n, f).values(), f, out, argmax);
        else SpMMPlain.csrMax(size, csr.rowPtr(), csr.col(), src.reshape(n, f).values(), f, out, argmax);
        return Engine.record(
                new Tensor(out, withRows(s, size)),
                "ScatterMaxBackward",
                g -> {
                    if (NoGrad.isGradEnabled()) { // a graph: the flat gradient scattered to the winners, empty groups
                        // into a dropped last slot
                        int[] pos = new int[argmax.length];
                        for (int i = 0; i < pos.length; i++) pos[i] = argmax[i] < 0 ? n * f : argmax[i] * f + i % f;
                        Tensor flat =
                                Tensor.zeros(n * f + 1).scatterAdd(0, IndexTensor.of(pos, pos.length), g.reshape(-1));
                        src.accumulateGrad(flat.narrow(0, 0, n * f).reshape(s));
                        return;
                    }
                    float[] gd = g.values(), gs = new float[n * f];
                    for (int i = 0; i < argmax.length; i++) if (argmax[i] >= 0) gs[argmax[i] * f + i % f] += gd[i];
                    src.accumulateGrad(new Tensor(gs, s));
                },
                src);
    }

    /**
     * Row index[e] of table [size, ...] for each element e: the transpose of the grouping times the table (the
     * inverse direction of a scatter, e.g. x_j for every edge j → i with {@link EdgeIndex#bySource()}).
     *
     * @param table the rows to pick from, [size, ...]
     * @param grouping the [size, n] grouping whose element e picks row index[e]
     * @return the picked rows, [n, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if table does not have one row per group
     */
    public static Tensor gather(Tensor table, SparseMatrix grouping) {
        int[] s = table.shape();
        if (s.length < 1 || s[0] != grouping.rows())
            throw new ShapeMismatchException("Scatter.gather: table of shape " + Shapes.str(s) + " for a grouping into "
                    + grouping.rows() + " rows");
        Tensor out = Sparse.mm(grouping.transpose(), null, table.reshape(s[0], inner(s)));
        return out.reshape(withRows(s, grouping.cols()));
    }

    static SparseMatrix grouping(String op, Tensor src, IndexTensor index, int size) {
        if (index.dim() != 1 || src.dim() < 1 || index.size(0) != src.size(0))
            throw new ShapeMismatchException(op + ": index of shape " + Shapes.str(index.shape())
                    + " must be 1-D with one entry per row of src " + Shapes.str(src.shape()));
        if (size < 0) throw new IllegalArgumentException(op + ": size must be >= 0, got " + size);
        index.checkRange(op, size, "size " + size);
        return SparseMatrix.grouping(index.toArray(), size);
    }

    private static int[] checkRows(String op, Tensor src, SparseMatrix grouping) {
        int[] s = src.shape();
        if (s.length < 1 || s[0] != grouping.cols())
            throw new ShapeMismatchException(
                    op + ": src of shape " + Shapes.str(s) + " for a grouping of " + grouping.cols() + " elements");
        return s;
    }

    private static int inner(int[] s) {
        return Shapes.prod(s, 1, s.length);
    }

    private static int[] withRows(int[] s, int rows) {
        int[] o = s.clone();
        o[0] = rows;
        return o;
    }
}
