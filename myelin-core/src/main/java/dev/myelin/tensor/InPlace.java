package dev.myelin.tensor;

import dev.myelin.autograd.NoGrad;
import java.util.Arrays;

/**
 * The in-place ops ({@code add_}, {@code copy_}, {@code fill_}, ...): they write through the
 * tensor's strides (so they work on views and reach the base), bump the storage version, and are
 * not recorded. As in PyTorch, a tensor that requires grad may be written in place only under
 * {@link NoGrad} (an optimizer step), and never a view in which several elements share one location.
 */
final class InPlace {
    private InPlace() {}

    @FunctionalInterface
    interface Unary {
        float apply(float x);
    }

    @FunctionalInterface
    interface Binary {
        float apply(float x, float y);
    }

    static Tensor unary(String op, Tensor t, Unary f) {
        check(op, t);
        float[] d = t.storageArray();
        forEachOffset(t.shape(), t.storageOffset(), t.stride(), at -> d[at] = f.apply(d[at]));
        t.bumpVersion();
        return t;
    }

    static Tensor binary(String op, Tensor t, Tensor other, Binary f) {
        check(op, t);
        int[] shape = t.shape();
        int[] bs = Shapes.broadcast(op, other.shape(), shape);
        if (!Arrays.equals(bs, shape))
            throw new ShapeMismatchException(op + ": shape " + Shapes.str(other.shape())
                    + " cannot be broadcast to the written tensor's shape " + Shapes.str(shape));
        // Read other before writing: it may overlap this tensor (x.copy_(x.t())).
        float[] src = other.expand(shape).toArray(), d = t.storageArray();
        int[] i = {0};
        forEachOffset(shape, t.storageOffset(), t.stride(), at -> d[at] = f.apply(d[at], src[i[0]++]));
        t.bumpVersion();
        return t;
    }

    private static void check(String op, Tensor t) {
        if (NoGrad.isGradEnabled() && t.requiresGrad())
            throw new IllegalStateException(
                    op + ": " + (t.isLeaf() ? "a leaf tensor that requires grad" : "a tensor in the autograd graph")
                            + " cannot be modified in place while grad mode is on; wrap the update in NoGrad.enter() or use the out-of-place op");
        int[] shape = t.shape(), strides = t.stride();
        for (int d = 0; d < shape.length; d++)
            if (strides[d] == 0 && shape[d] > 1)
                throw new IllegalStateException(
                        op + ": several elements of the written tensor (shape " + Shapes.str(shape)
                                + ", an expanded view) refer to one memory location; call contiguous() first");
    }

    @FunctionalInterface
    interface OffsetConsumer {
        void accept(int storageIndex);
    }

    /** Visits the storage index of every element in row-major order. */
    static void forEachOffset(int[] shape, int offset, int[] strides, OffsetConsumer body) {
        int n = Shapes.numel(shape), rank = shape.length;
        if (n == 0) return;
        int[] idx = new int[rank];
        int at = offset;
        for (int e = 0; e < n; e++) {
            body.accept(at);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                at += strides[d];
                if (idx[d] < shape[d]) break;
                at -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
