package dev.myelin.tensor;

import dev.myelin.autograd.Engine;

/**
 * Index-based ops. Their indices are {@link IndexTensor}s (int32, exact for every int); the overloads
 * taking float tensors of whole numbers convert once through {@link IndexTensor#fromTensor(String, String, Tensor)}
 * (which refuses values of magnitude 2^24 or more, where floats skip whole numbers) and share the same
 * code. Every index is checked against the size of the dim it addresses before anything is written.
 */
final class Indexing {
    private Indexing() {}

    static IndexTensor floatIndices(String op, Tensor index) {
        return IndexTensor.fromTensor(op, "index", index);
    }

    /** Rows (slices along dim) picked by a 1-D index; backward adds each gradient slice back to its source. */
    static Tensor indexSelect(Tensor x, int dim, IndexTensor index) {
        int[] in = x.shape();
        int d = Shapes.dim("indexSelect", dim, in.length);
        if (index.dim() > 1)
            throw new ShapeMismatchException("indexSelect: index must be 1-D, got shape " + Shapes.str(index.shape()));
        int[] idx = inRange("indexSelect", index, in, d);
        int outer = Shapes.prod(in, 0, d), n = in[d], inner = Shapes.prod(in, d + 1, in.length);
        int[] shape = Reductions.withSize(in, d, idx.length);
        float[] xd = x.values(), o = new float[Shapes.numel(shape)];
        for (int p = 0; p < outer; p++)
            for (int k = 0; k < idx.length; k++)
                System.arraycopy(xd, (p * n + idx[k]) * inner, o, (p * idx.length + k) * inner, inner);
        return Engine.record(
                new Tensor(o, shape),
                "IndexSelectBackward",
                g -> {
                    if (Pointwise
                            .creatingGraph()) { // index_add of g, as a recorded scatter-add with the index expanded to
                        // g's shape
                        int[] full = new int[o.length];
                        for (int p = 0, at = 0; p < outer; p++)
                            for (int k = 0; k < idx.length; k++) for (int i = 0; i < inner; i++) full[at++] = idx[k];
                        x.accumulateGrad(Tensor.zeros(in).scatterAdd(d, IndexTensor.wrap(full, shape), g));
                        return;
                    }
                    float[] gd = g.values(), gi = new float[xd.length];
                    for (int p = 0; p < outer; p++)
                        for (int k = 0; k < idx.length; k++) {
                            int src = (p * idx.length + k) * inner, dst = (p * n + idx[k]) * inner;
                            for (int i = 0; i < inner; i++) gi[dst + i] += gd[src + i];
                        }
                    x.accumulateGrad(new Tensor(gi, in));
                },
                x);
    }

    /** out[..i..] = x[..index[..i..]..] along dim, as {@code torch.gather}. */
    static Tensor gather(Tensor x, int dim, IndexTensor index) {
        int[] in = x.shape(), is = index.shape();
        int d = Shapes.dim("gather", dim, in.length);
        checkGatherShapes("gather", in, is, d);
        int[] idx = inRange("gather", index, in, d);
        int[] pos = gatherPositions(in, is, d, idx);
        float[] xd = x.values(), o = new float[idx.length];
        for (int i = 0; i < o.length; i++) o[i] = xd[pos[i]];
        return Engine.record(
                new Tensor(o, is),
                "GatherBackward",
                g -> {
                    if (Pointwise.creatingGraph()) {
                        x.accumulateGrad(Tensor.zeros(in).scatterAdd(d, index, g));
                        return;
                    }
                    float[] gd = g.values(), gi = new float[xd.length];
                    for (int i = 0; i < gd.length; i++) gi[pos[i]] += gd[i];
                    x.accumulateGrad(new Tensor(gi, in));
                },
                x);
    }

    /** A copy of x with src[..i..] added at x[..index[..i..]..] along dim (out-of-place {@code scatter_add}). */
    static Tensor scatterAdd(Tensor x, int dim, IndexTensor index, Tensor src) {
        int[] in = x.shape(), is = index.shape();
        int d = Shapes.dim("scatterAdd", dim, in.length);
        if (!java.util.Arrays.equals(is, src.shape()))
            throw new ShapeMismatchException("scatterAdd: index shape " + Shapes.str(is) + " and src shape "
                    + Shapes.str(src.shape()) + " differ");
        checkGatherShapes("scatterAdd", in, is, d);
        int[] idx = inRange("scatterAdd", index, in, d);
        int[] pos = gatherPositions(in, is, d, idx);
        float[] o = x.toArray(), sd = src.values();
        for (int i = 0; i < sd.length; i++) o[pos[i]] += sd[i];
        return Engine.recordShapeOnly(
                new Tensor(o, in),
                "ScatterAddBackward",
                g -> {
                    if (x.requiresGrad()) x.accumulateGrad(g);
                    if (src.requiresGrad() && Pointwise.creatingGraph()) src.accumulateGrad(g.gather(d, index));
                    else if (src.requiresGrad()) {
                        float[] gd = g.values(), gs = new float[sd.length];
                        for (int i = 0; i < gs.length; i++) gs[i] = gd[pos[i]];
                        src.accumulateGrad(new Tensor(gs, is));
                    }
                },
                x,
                src);
    }

    /** Labels of shape S to a one-hot tensor of shape S + [numClasses] (not differentiable). */
    static Tensor oneHot(IndexTensor labels, int numClasses) {
        if (numClasses <= 0)
            throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
        int[] idx = labels.checkRange("oneHot", numClasses, "numClasses=" + numClasses)
                .raw();
        int[] ls = labels.shape(), shape = java.util.Arrays.copyOf(ls, ls.length + 1);
        shape[ls.length] = numClasses;
        float[] o = new float[Shapes.numel(shape)];
        for (int i = 0; i < idx.length; i++) o[i * numClasses + idx[i]] = 1;
        return new Tensor(o, shape);
    }

    /** The indices, after checking each addresses dim d of input shape {@code in} (the message is built only on failure). */
    private static int[] inRange(String op, IndexTensor index, int[] in, int d) {
        int[] idx = index.raw();
        int size = in[d];
        for (int v : idx)
            if (v < 0 || v >= size) index.checkRange(op, size, "dim " + d + " of input shape " + Shapes.str(in));
        return idx;
    }

    private static void checkGatherShapes(String op, int[] in, int[] is, int d) {
        if (is.length != in.length)
            throw new ShapeMismatchException(
                    op + ": index of shape " + Shapes.str(is) + " must have the rank of input shape " + Shapes.str(in));
        for (int i = 0; i < in.length; i++)
            if (i != d && is[i] > in[i])
                throw new ShapeMismatchException(op + ": index shape " + Shapes.str(is) + " exceeds input shape "
                        + Shapes.str(in) + " in dim " + i);
    }

    /** Flat input offsets addressed by every element of an index tensor of shape {@code is} along dim d. */
    private static int[] gatherPositions(int[] in, int[] is, int d, int[] idx) {
        int[] st = Shapes.strides(in), pos = new int[idx.length], coord = new int[is.length];
        for (int i = 0; i < idx.length; i++) {
            int off = 0;
            for (int k = 0; k < is.length; k++) off += (k == d ? idx[i] : coord[k]) * st[k];
            pos[i] = off;
            for (int k = is.length - 1; k >= 0; k--) {
                if (++coord[k] < is[k]) break;
                coord[k] = 0;
            }
        }
        return pos;
    }
}
