package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.kernel.Gemm;

import java.util.Arrays;

/**
 * Matrix products with PyTorch's {@code matmul} rules. The batched case runs one GEMM per broadcast
 * batch index; backward uses the transposed GEMM variants (dA = g·Bᵀ, dB = Aᵀ·g) without copying a
 * transpose, then sums over batch dims an operand was broadcast along.
 */
final class MatMul {
    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0)
            throw new ShapeMismatchException("matmul: both operands need at least 1 dim, got shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        if (a.dim() == 1 && b.dim() == 1) return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.dim() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
        return batched(a, b);
    }

    private static Tensor batched(Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        int m = as[as.length - 2], k = as[as.length - 1], k2 = bs[bs.length - 2], n = bs[bs.length - 1];
        if (k != k2)
            throw new ShapeMismatchException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs) + " cannot be multiplied ("
                    + m + "x" + k + " and " + k2 + "x" + n + ")");
        int[] batchA = Arrays.copyOf(as, as.length - 2), batchB = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        float[] c = new float[Shapes.numel(outShape)];
        Plan plan = new Plan(batch, batchA, batchB, m, n, k);
        if (Shapes.numel(batchB) == 1) {
            // b is one matrix: fold a's batch dims into its rows, one GEMM
            Gemm.sgemm(false, false, plan.count * m, n, k, a.data(), 0, k, b.data(), 0, n, c, 0, n, false);
        } else {
            for (int i = 0; i < plan.count; i++)
                Gemm.sgemm(false, false, m, n, k, a.data(), plan.offA[i] * m * k, k, b.data(), plan.offB[i] * k * n, n, c, i * m * n, n, false);
        }
        Tensor out = new Tensor(c, outShape);
        return Engine.record(out, "MatMulBackward", g -> {
            float[] gd = g.data();
            if (a.requiresGrad()) {
                int[] fullA = Arrays.copyOf(batch, batch.length + 2);
                fullA[batch.length] = m;
                fullA[batch.length + 1] = k;
                float[] ga = new float[Shapes.numel(fullA)];
                for (int i = 0; i < plan.count; i++) // dA = g · Bᵀ
                    Gemm.sgemm(false, true, m, k, n, gd, i * m * n, n, b.data(), plan.offB[i] * k * n, n, ga, i * m * k, k, false);
                a.accumulateGrad(Reductions.sumTo(new Tensor(ga, fullA), as));
            }
            if (b.requiresGrad()) {
                float[] gb = new float[b.numel()];
                for (int i = 0; i < plan.count; i++) // dB = Aᵀ · g, accumulated where b was broadcast
                    Gemm.sgemm(true, false, k, n, m, a.data(), plan.offA[i] * m * k, k, gd, i * m * n, n, gb, plan.offB[i] * k * n, n, true);
                b.accumulateGrad(new Tensor(gb, bs));
            }
        }, a, b);
    }

    /** For each output batch index, which matrix of a and of b it reads (broadcast batch dims repeat a matrix). */
    private static final class Plan {
        final int count;
        final int[] offA, offB;

        Plan(int[] batch, int[] batchA, int[] batchB, int m, int n, int k) {
            count = Shapes.numel(batch);
            offA = new int[count];
            offB = new int[count];
            int[] sa = Shapes.broadcastStrides(batchA, batch), sb = Shapes.broadcastStrides(batchB, batch);
            int[] idx = new int[batch.length];
            for (int i = 0; i < count; i++) {
                int oa = 0, ob = 0;
                for (int d = 0; d < batch.length; d++) {
                    oa += idx[d] * sa[d];
                    ob += idx[d] * sb[d];
                }
                offA[i] = oa;
                offB[i] = ob;
                for (int d = batch.length - 1; d >= 0; d--) {
                    if (++idx[d] < batch[d]) break;
                    idx[d] = 0;
                }
            }
        }
    }
}
