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
 * The sparse × dense product {@code A·B} ({@code torch.sparse.mm}), differentiable with respect to the dense side
 * and to A's values, forward and backward side by side:
 * <pre>
 *   C = A·B            C[r] = Σₚ v[p]·B[col p]         (CSR of A, rows in parallel)
 *   dB = Aᵀ·dC         the same kernel on the CSR of Aᵀ
 *   dv[p] = dC[row p]·B[col p]
 * </pre>
 * Under {@code createGraph} the backward is written with the same op and index ops, so it is differentiable again.
 */
public final class Sparse {
    private Sparse() {}

    /**
     * A·B for A with the given structure and values (one per COO entry, shape [nnz]; null: all ones) and B of
     * shape [A.cols] or [A.cols, F]; the result is [A.rows] or [A.rows, F]. As {@code torch.sparse.mm}.
     *
     * @param a the sparse structure, [rows, cols]
     * @param values the value of each COO entry, [nnz], or null for all ones
     * @param dense the dense operand B, [cols] or [cols, F]
     * @return A·B, [rows] or [rows, F]
     * @throws dev.myelin.tensor.ShapeMismatchException if dense is not [cols] or [cols, F], or values is not [nnz]
     */
    public static Tensor mm(SparseMatrix a, Tensor values, Tensor dense) {
        int[] ds = dense.shape();
        if (ds.length < 1 || ds.length > 2 || ds[0] != a.cols())
            throw new ShapeMismatchException("Sparse.mm: sparse matrix of shape [" + a.rows() + ", " + a.cols()
                    + "] cannot multiply dense of shape " + Shapes.str(ds) + " (need [" + a.cols() + "] or [" + a.cols()
                    + ", F])");
        if (values != null && (values.dim() != 1 || values.size(0) != a.nnz()))
            throw new ShapeMismatchException("Sparse.mm: values of shape " + Shapes.str(values.shape())
                    + " for a sparse matrix with " + a.nnz() + " entries (need [" + a.nnz() + "])");
        int f = ds.length == 2 ? ds[1] : 1;
        float[] b = dense.values(), v = values == null ? null : values.values();
        SparseMatrix.Csr csr = a.csr();
        float[] c = new float[Math.multiplyExact(a.rows(), f)];
        if (Simd.ENABLED) SpMM.csrTimesDense(a.rows(), csr.rowPtr(), csr.col(), csr.entry(), v, b, f, c);
        else SpMMPlain.csrTimesDense(a.rows(), csr.rowPtr(), csr.col(), csr.entry(), v, b, f, c);
        int[] outShape = ds.length == 2 ? new int[] {a.rows(), f} : new int[] {a.rows()};
        return Engine.record(
                new Tensor(c, outShape),
                "SparseMmBackward",
                g -> {
                    if (dense.requiresGrad()) {
                        if (NoGrad.isGradEnabled())
                            dense.accumulateGrad(mm(a.transpose(), values, g)); // a graph of the gradient
                        else { // the kernel into a fresh array that becomes the gradient: no copy of an [N, F] array
                            SparseMatrix.Csr t = a.transposedCsr();
                            float[] gd = new float[Math.multiplyExact(a.cols(), f)];
                            if (Simd.ENABLED)
                                SpMM.csrTimesDense(
                                        a.cols(),
                                        t.rowPtr(),
                                        t.col(),
                                        t.entry(),
                                        values == null ? null : values.values(),
                                        g.values(),
                                        f,
                                        gd);
                            else
                                SpMMPlain.csrTimesDense(
                                        a.cols(),
                                        t.rowPtr(),
                                        t.col(),
                                        t.entry(),
                                        values == null ? null : values.values(),
                                        g.values(),
                                        f,
                                        gd);
                            dense.accumulateNewGrad(gd);
                        }
                    }
                    if (values != null && values.requiresGrad()) values.accumulateGrad(valueGradient(a, g, dense, f));
                },
                values,
                dense);
    }

    /** dv[p] = dC[row p]·B[col p]: the kernel in a plain backward, gathers and a row sum when the gradient must be a graph. */
    private static Tensor valueGradient(SparseMatrix a, Tensor g, Tensor dense, int f) {
        if (NoGrad.isGradEnabled()) {
            SparseMatrix.Csr csr = a.csr();
            int[] rowOf = new int[a.nnz()], colOf = new int[a.nnz()];
            int[] ptr = csr.rowPtr();
            for (int r = 0; r < a.rows(); r++)
                for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                    rowOf[csr.entry()[p]] = r;
                    colOf[csr.entry()[p]] = csr.col()[p];
                }
            Tensor g2 = g.reshape(a.rows(), f), b2 = dense.reshape(a.cols(), f);
            return g2.indexSelect(0, IndexTensor.of(rowOf, rowOf.length))
                    .mul(b2.indexSelect(0, IndexTensor.of(colOf, colOf.length)))
                    .sum(1);
        }
        SparseMatrix.Csr csr = a.csr();
        float[] grad = new float[a.nnz()];
        if (Simd.ENABLED)
            SpMM.entryGradients(a.rows(), csr.rowPtr(), csr.col(), csr.entry(), g.values(), dense.values(), f, grad);
        else
            SpMMPlain.entryGradients(
                    a.rows(), csr.rowPtr(), csr.col(), csr.entry(), g.values(), dense.values(), f, grad);
        return new Tensor(grad, a.nnz());
    }
}
