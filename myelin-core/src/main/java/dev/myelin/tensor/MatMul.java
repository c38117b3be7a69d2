package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.kernel.Gemm;
import java.util.Arrays;

/**
 * Matrix products with PyTorch's {@code matmul} rules (1-D, 2-D, batched with broadcast batch dims).
 * Operands are read in place from their views: a matrix whose last two dims are row-major becomes a
 * plain GEMM operand, one whose last two dims are column-major (a transposed view, such as
 * {@code k.transpose(-2, -1)}) becomes a transpose flag with the view's stride as leading dimension;
 * only other layouts are copied. Batches with evenly spaced matrices run as one batched GEMM over the
 * pool; a single right-hand matrix folds the left's batch into its rows (one big GEMM).
 * Backward is matmul again on transposed views: dA = g·Bᵀ, dB = Aᵀ·g, summed over broadcast batch dims.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0)
            throw new ShapeMismatchException("matmul: both operands need at least 1 dim, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        if (a.dim() == 1 && b.dim() == 1)
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.dim() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
        return batched(a, b);
    }

    /** The result shape of a batched product (both operands at least 2-D), checking the inner sizes. */
    private static int[] outShape(int[] as, int[] bs) {
        int m = as[as.length - 2], k = as[as.length - 1], k2 = bs[bs.length - 2], n = bs[bs.length - 1];
        if (k != k2)
            throw new ShapeMismatchException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs)
                    + " cannot be multiplied (" + m + "x" + k + " and " + k2 + "x" + n + ")");
        int[] batch = Shapes.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        return outShape;
    }

    /** C = A·B into the compact array c of the product's shape. */
    private static void productInto(Tensor a, Tensor b, int[] outShape, float[] c) {
        int r = outShape.length, m = outShape[r - 2], n = outShape[r - 1], k = a.size(-1);
        int[] batch = Arrays.copyOf(outShape, r - 2);
        if (c.length > 0)
            product(Operand.of(a, m, k, batch), Operand.of(b, k, n, batch), Shapes.numel(batch), m, n, k, c);
    }

    /**
     * {@code torch.matmul(a, b, out=out)} for operands of at least 2 dims: writes the product into {@code out}
     * (compact, of the product's shape), so a loop reuses one buffer instead of allocating (and zeroing) a
     * new one. Not recorded, as PyTorch's out= variants do not support autograd; bumps out's version.
     */
    static Tensor matmulInto(Tensor a, Tensor b, Tensor out) {
        if (a.dim() < 2 || b.dim() < 2)
            throw new ShapeMismatchException("matmul(out): operands need at least 2 dims, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        if (dev.myelin.autograd.NoGrad.isGradEnabled() && (a.requiresGrad() || b.requiresGrad()))
            throw new IllegalStateException(
                    "matmul(out): the out= form does not support automatic differentiation (an operand requires grad); "
                            + "use matmul(other) or run it under NoGrad");
        int[] shape = outShape(a.shape(), b.shape());
        if (!Arrays.equals(out.shape(), shape))
            throw new ShapeMismatchException("matmul(out): out has shape " + Shapes.str(out.shape())
                    + ", the product has shape " + Shapes.str(shape));
        if (out.sharesStorage(a) || out.sharesStorage(b))
            throw new IllegalArgumentException("matmul(out): out shares memory with an operand");
        productInto(a, b, shape, out.data()); // data() refuses a view: out must be compact
        out.bumpVersion();
        return out;
    }

    private static Tensor batched(Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        int[] outShape = outShape(as, bs);
        int n = outShape[outShape.length - 1], k = as[as.length - 1];
        float[] c = new float[Shapes.numel(outShape)];
        productInto(a, b, outShape, c);
        Tensor out = new Tensor(c, outShape);
        return Engine.record(
                out,
                "MatMulBackward",
                g -> {
                    if (a.requiresGrad()) { // dA = g · Bᵀ
                        a.accumulateGrad(Reductions.sumTo(g.matmul(b.transpose(-2, -1)), as));
                    }
                    if (b.requiresGrad()) { // dB = Aᵀ · g; one matrix B: fold the batch into the rows of one product
                        Tensor gb = bs.length == 2
                                ? a.reshape(-1, k).t().matmul(g.reshape(-1, n))
                                : a.transpose(-2, -1).matmul(g);
                        b.accumulateGrad(Reductions.sumTo(gb, bs));
                    }
                },
                a,
                b);
    }

    /** C[count, m, n] = op(A_i)·op(B_i) for every batch index i, on the GEMM kernels. */
    private static void product(Operand a, Operand b, int count, int m, int n, int k, float[] c) {
        if (b.step == 0 && !a.trans && count > 1 && a.step == (long) m * a.ld && b.evenlySpaced) {
            // one right-hand matrix and evenly spaced left-hand rows: fold the batch into the rows of one GEMM
            Gemm.sgemm(
                    false,
                    b.trans,
                    count * m,
                    n,
                    k,
                    a.data,
                    a.offsets[0],
                    a.ld,
                    b.data,
                    b.offsets[0],
                    b.ld,
                    c,
                    0,
                    n,
                    false);
        } else if (a.evenlySpaced && b.evenlySpaced) {
            Gemm.sgemmBatched(
                    count,
                    a.trans,
                    b.trans,
                    m,
                    n,
                    k,
                    a.data,
                    a.offsets[0],
                    a.ld,
                    a.step,
                    b.data,
                    b.offsets[0],
                    b.ld,
                    b.step,
                    c,
                    0,
                    n,
                    (long) m * n,
                    false);
        } else {
            for (int i = 0; i < count; i++)
                Gemm.sgemm(
                        a.trans,
                        b.trans,
                        m,
                        n,
                        k,
                        a.data,
                        a.offsets[i],
                        a.ld,
                        b.data,
                        b.offsets[i],
                        b.ld,
                        c,
                        i * m * n,
                        n,
                        false);
        }
    }

    /**
     * One operand as the GEMM reads it: the storage, where each batch's matrix starts, whether the
     * matrix is stored transposed, and its leading dimension. {@code step} is the distance between
     * consecutive matrices when they are evenly spaced (0 for a broadcast matrix).
     */
    private static final class Operand {
        final float[] data;
        final int[] offsets;
        final boolean trans, evenlySpaced;
        final int ld;
        final long step;

        private Operand(float[] data, int[] offsets, boolean trans, int ld) {
            this.data = data;
            this.offsets = offsets;
            this.trans = trans;
            this.ld = ld;
            long s = offsets.length > 1 ? (long) offsets[1] - offsets[0] : 0;
            boolean even = s >= 0;
            for (int i = 2; even && i < offsets.length; i++) even = (long) offsets[i] - offsets[i - 1] == s;
            this.evenlySpaced = even;
            this.step = even ? s : -1;
        }

        /** t's last two dims as a rows×cols matrix, its batch dims broadcast to {@code batch}; copies only layouts GEMM cannot read. */
        static Operand of(Tensor t, int rows, int cols, int[] batch) {
            int r = t.dim();
            int[] st = t.stride();
            int rs = st[r - 2], cs = st[r - 1];
            boolean rowMajor = (cs == 1 || cols <= 1) && (rows <= 1 || rs >= Math.max(cols, 1));
            boolean colMajor = (rs == 1 || rows <= 1) && (cols <= 1 || cs >= Math.max(rows, 1));
            if (!rowMajor && !colMajor) {
                t = new Tensor(t.toArray(), t.shape());
                st = t.stride();
                rs = st[r - 2];
                rowMajor = true;
            }
            boolean trans = !rowMajor;
            int ld = trans ? (cols <= 1 ? Math.max(rows, 1) : cs) : (rows <= 1 ? Math.max(cols, 1) : rs);
            int[] shape = t.shape();
            int[] bStrides = Shapes.expandStrides(Arrays.copyOf(shape, r - 2), Arrays.copyOf(st, r - 2), batch);
            int count = Shapes.numel(batch);
            int[] offsets = new int[count], idx = new int[batch.length];
            int at = t.storageOffset();
            for (int i = 0; i < count; i++) {
                offsets[i] = at;
                for (int d = batch.length - 1; d >= 0; d--) {
                    idx[d]++;
                    at += bStrides[d];
                    if (idx[d] < batch[d]) break;
                    at -= bStrides[d] * batch[d];
                    idx[d] = 0;
                }
            }
            return new Operand(t.storageArray(), offsets, trans, ld);
        }
    }
}
