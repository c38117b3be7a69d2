package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import java.util.Arrays;

/**
 * Reductions over all or given dims, with {@code keepDim}, and the normalizations built on them
 * (softmax, log-softmax, logsumexp). A tensor is viewed as [outer, n, inner] around the reduced dim.
 */
final class Reductions {
    private Reductions() {}

    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        int[] in = x.shape();
        boolean[] reduce = reducedDims("sum", dims, in.length);
        Tensor out =
                new Tensor(sumKeep(x.values(), in, reduce), keepDim ? keptShape(in, reduce) : droppedShape(in, reduce));
        return Engine.recordShapeOnly(
                out,
                "SumBackward",
                g -> x.accumulateGrad(g.reshape(keptShape(in, reduce)).expand(in)),
                x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        int[] in = x.shape();
        boolean[] reduce = reducedDims("mean", dims, in.length);
        int count = 1;
        for (int d = 0; d < in.length; d++) if (reduce[d]) count *= in[d];
        return sum(x, dims, keepDim).div((float) count);
    }

    /** Variance as a composite of differentiable ops: Σ(x − mean)² / (N − correction). */
    static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
        int[] in = x.shape();
        boolean[] reduce = reducedDims("var", dims, in.length);
        int count = 1;
        for (int d = 0; d < in.length; d++) if (reduce[d]) count *= in[d];
        Tensor centered = x.sub(mean(x, dims, true));
        return sum(centered.mul(centered), dims, keepDim).div((float) Math.max(count - correction, 0));
    }

    /** Sums {@code g} down to {@code shape}, undoing a broadcast (leading dims and size-1 dims). */
    static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        int[] dims = java.util.stream.IntStream.range(0, gs.length)
                .filter(d -> d < lead || (shape[d - lead] == 1 && gs[d] != 1))
                .toArray();
        return sum(g, dims, true).reshape(shape); // recorded, so a gradient built from it stays differentiable
    }

    /** Max (or min) along one dim: values, and indices as floats and as an IndexTensor. The gradient goes to the first extreme element. */
    static ValuesIndices extreme(Tensor x, int dim, boolean keepDim, boolean max) {
        int[] in = x.shape();
        int d = Shapes.dim(max ? "max" : "min", dim, in.length);
        if (in.length == 0) return new ValuesIndices(x, Tensor.zeros(), IndexTensor.scalar(0));
        int outer = Shapes.prod(in, 0, d), n = in[d], inner = Shapes.prod(in, d + 1, in.length);
        if (n == 0)
            throw new IllegalArgumentException(
                    (max ? "max" : "min") + ": cannot reduce an empty dim " + d + " of shape " + Shapes.str(in));
        float[] xd = x.values(), vals = new float[outer * inner];
        int[] arg = new int[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                int base = p * n * inner + i;
                float best = xd[base];
                int bestJ = 0;
                for (int j = 1; j < n; j++) {
                    float v = xd[base + j * inner];
                    if (max
                            ? v > best || (Float.isNaN(v) && !Float.isNaN(best))
                            : v < best || (Float.isNaN(v) && !Float.isNaN(best))) {
                        best = v;
                        bestJ = j;
                    }
                }
                vals[p * inner + i] = best;
                arg[p * inner + i] = bestJ;
            }
        }
        int[] outShape = keepDim ? withSize(in, d, 1) : without(in, d);
        float[] idx = new float[arg.length];
        for (int i = 0; i < idx.length; i++) idx[i] = arg[i];
        Tensor values = Engine.record(
                new Tensor(vals, outShape),
                max ? "MaxBackward" : "MinBackward",
                g -> {
                    if (Pointwise.creatingGraph()) { // the gradient goes where the index points: a constant 0/1 mask
                        float[] hot = new float[xd.length];
                        for (int p = 0; p < outer; p++)
                            for (int i = 0; i < inner; i++) hot[p * n * inner + arg[p * inner + i] * inner + i] = 1;
                        x.accumulateGrad(g.reshape(withSize(in, d, 1)).mul(new Tensor(hot, in)));
                        return;
                    }
                    float[] gd = g.values(), gi = new float[xd.length];
                    for (int p = 0; p < outer; p++)
                        for (int i = 0; i < inner; i++)
                            gi[p * n * inner + arg[p * inner + i] * inner + i] += gd[p * inner + i];
                    x.accumulateNewGrad(gi);
                },
                x);
        return new ValuesIndices(values, new Tensor(idx, outShape), IndexTensor.wrap(arg, outShape));
    }

    /**
     * Max (or min) over all elements. Its gradient is shared evenly among the elements that equal the
     * result (PyTorch's rule for the full reduction; along a dim it goes to the returned index).
     */
    static Tensor extremeAll(Tensor x, boolean max) {
        if (x.numel() == 0) throw new IllegalArgumentException((max ? "max" : "min") + ": the tensor is empty");
        float[] xd = x.values();
        float best = xd[0];
        for (float v : xd)
            if (Float.isNaN(v) || (max ? v > best : v < best)) {
                best = v;
                if (Float.isNaN(v)) break;
            }
        Tensor out = new Tensor(new float[] {best}, new int[0]);
        return Engine.record(
                out,
                max ? "MaxBackward" : "MinBackward",
                g -> {
                    Tensor ties = x.detach().eq(out.detach());
                    x.accumulateGrad(ties.mul(g.div(ties.sum())));
                },
                x);
    }

    /** log Σ exp(x) along a dim, shifted by the (constant) max so it cannot overflow. */
    static Tensor logsumexp(Tensor x, int dim, boolean keepDim) {
        Tensor m = extreme(x, dim, true, true).values().detach();
        float[] md = m.data(); // a fresh output of extreme(): compact
        for (int i = 0; i < md.length; i++) if (Float.isInfinite(md[i])) md[i] = 0; // all -inf rows stay -inf, not NaN
        Tensor lse = x.sub(m).exp().sum(dim, true).log().add(m);
        return keepDim ? lse : lse.squeeze(dim);
    }

    static Tensor softmax(Tensor x, int dim) {
        int[] in = x.shape();
        int d = Shapes.dim("softmax", dim, in.length);
        int outer = Shapes.prod(in, 0, d), n = in.length == 0 ? 1 : in[d], inner = Shapes.prod(in, d + 1, in.length);
        float[] xd = x.values(), y = new float[xd.length];
        for (int p = 0; p < outer; p++)
            for (int i = 0; i < inner; i++) {
                int base = p * n * inner + i;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) m = Math.max(m, xd[base + j * inner]);
                double s = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(xd[base + j * inner] - m);
                    y[base + j * inner] = e;
                    s += e;
                }
                float inv = (float) (1 / s);
                for (int j = 0; j < n; j++) y[base + j * inner] *= inv;
            }
        Tensor out = new Tensor(y, in);
        // dx = y ⊙ (g − Σ_j g_j y_j)
        return Engine.record(
                out,
                "SoftmaxBackward",
                g -> x.accumulateGrad(out.mul(g.sub(g.mul(out).sum(d, true)))),
                x);
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        int[] in = x.shape();
        int d = Shapes.dim("logSoftmax", dim, in.length);
        int outer = Shapes.prod(in, 0, d), n = in.length == 0 ? 1 : in[d], inner = Shapes.prod(in, d + 1, in.length);
        float[] xd = x.values(), y = new float[xd.length];
        for (int p = 0; p < outer; p++)
            for (int i = 0; i < inner; i++) {
                int base = p * n * inner + i;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) m = Math.max(m, xd[base + j * inner]);
                double s = 0;
                for (int j = 0; j < n; j++) s += Math.exp(xd[base + j * inner] - m);
                float lse = (float) (m + Math.log(s));
                for (int j = 0; j < n; j++) y[base + j * inner] = xd[base + j * inner] - lse;
            }
        Tensor out = new Tensor(y, in);
        // dx = g − softmax ⊙ Σ_j g_j
        return Engine.record(
                out, "LogSoftmaxBackward", g -> x.accumulateGrad(g.sub(out.exp().mul(g.sum(d, true)))), x);
    }

    // ---------------------------------------------------------------- helpers

    /** The dims to reduce; an empty list means all of them (as {@code sum(dim=[])} in PyTorch 1.13). */
    private static boolean[] reducedDims(String op, int[] dims, int rank) {
        boolean[] r = new boolean[rank];
        if (dims.length == 0) {
            Arrays.fill(r, true);
            return r;
        }
        for (int dim : dims) {
            int d = Shapes.dim(op, dim, rank);
            if (rank > 0 && r[d])
                throw new IllegalArgumentException(op + ": dim " + dim + " appears twice in " + Arrays.toString(dims));
            if (rank > 0) r[d] = true;
        }
        return r;
    }

    /** Sums the flagged dims of {@code x}; the result has the kept shape (flagged dims of size 1). */
    private static float[] sumKeep(float[] x, int[] shape, boolean[] reduce) {
        boolean all = true;
        for (boolean r : reduce) all &= r;
        if (all) {
            double s = 0; // whole-tensor sums accumulate in double: losses are sums of many terms
            for (float v : x) s += v;
            return new float[] {(float) s};
        }
        float[] cur = x;
        int[] curShape = shape.clone();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (!reduce[d] || curShape[d] == 1) continue;
            int outer = Shapes.prod(curShape, 0, d),
                    n = curShape[d],
                    inner = Shapes.prod(curShape, d + 1, curShape.length);
            float[] o = new float[outer * inner];
            for (int p = 0; p < outer; p++)
                for (int j = 0; j < n; j++) {
                    int base = (p * n + j) * inner, ob = p * inner;
                    for (int i = 0; i < inner; i++) o[ob + i] += cur[base + i];
                }
            cur = o;
            curShape[d] = 1;
        }
        if (cur == x) cur = x.clone();
        return cur;
    }

    static int[] keptShape(int[] in, boolean[] reduce) {
        int[] s = in.clone();
        for (int d = 0; d < s.length; d++) if (reduce[d]) s[d] = 1;
        return s;
    }

    static int[] droppedShape(int[] in, boolean[] reduce) {
        return java.util.stream.IntStream.range(0, in.length)
                .filter(d -> !reduce[d])
                .map(d -> in[d])
                .toArray();
    }

    static int[] withSize(int[] in, int d, int size) {
        int[] s = in.clone();
        s[d] = size;
        return s;
    }

    static int[] without(int[] in, int d) {
        int[] s = new int[in.length - 1];
        for (int i = 0, j = 0; i < in.length; i++) if (i != d) s[j++] = in[i];
        return s;
    }
}
