package dev.myelin.tensor;

import dev.myelin.autograd.Engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that change the shape or the order of elements. Reshapes share storage; reorderings copy
 * into a fresh contiguous tensor, and their backward applies the inverse reordering.
 */
final class Layout {
    private Layout() {}

    static Tensor reshape(Tensor x, int... newShape) {
        int[] in = x.shape();
        int[] shape = inferShape(in, x.numel(), newShape);
        Tensor out = new Tensor(x.data(), shape);
        return Engine.record(out, "ReshapeBackward", g -> x.accumulateGrad(new Tensor(g.data(), in)), x);
    }

    private static int[] inferShape(int[] in, int numel, int[] req) {
        int[] s = req.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one size may be -1, got " + Arrays.toString(req));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + s[i] + " in " + Arrays.toString(req));
            } else known *= s[i];
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0)
                throw new ShapeMismatchException("reshape: shape " + Arrays.toString(req) + " is invalid for input of shape " + Shapes.str(in));
            s[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new ShapeMismatchException("reshape: shape " + Arrays.toString(req) + " is invalid for input of shape "
                    + Shapes.str(in) + " (" + numel + " elements)");
        }
        return s;
    }

    static Tensor flatten(Tensor x, int startDim) {
        int[] in = x.shape();
        if (in.length == 0) return reshape(x, 1);
        int d = Shapes.dim("flatten", startDim, in.length);
        int[] s = Arrays.copyOf(in, d + 1);
        s[d] = Shapes.prod(in, d, in.length);
        return reshape(x, s);
    }

    static Tensor squeeze(Tensor x) {
        return reshape(x, Arrays.stream(x.shape()).filter(s -> s != 1).toArray());
    }

    static Tensor squeeze(Tensor x, int dim) {
        int[] in = x.shape();
        if (in.length == 0) return x;
        int d = Shapes.dim("squeeze", dim, in.length);
        return in[d] == 1 ? reshape(x, Reductions.without(in, d)) : x;
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] in = x.shape();
        int d = Shapes.dim("unsqueeze", dim, in.length + 1);
        int[] s = new int[in.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == d ? 1 : in[j++];
        return reshape(x, s);
    }

    static Tensor permute(Tensor x, int... dims) {
        int[] in = x.shape();
        int rank = in.length;
        if (dims.length != rank)
            throw new ShapeMismatchException("permute: " + Arrays.toString(dims) + " has " + dims.length + " dims, tensor of shape " + Shapes.str(in) + " has " + rank);
        int[] perm = new int[rank], inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.dim("permute", dims[i], rank);
            if (seen[perm[i]]) throw new IllegalArgumentException("permute: dim " + dims[i] + " repeated in " + Arrays.toString(dims));
            seen[perm[i]] = true;
            inverse[perm[i]] = i;
        }
        int[] st = Shapes.strides(in), shape = new int[rank], srcStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in[perm[i]];
            srcStrides[i] = st[perm[i]];
        }
        Tensor out = new Tensor(gatherStrided(x.data(), 0, shape, srcStrides), shape);
        return Engine.record(out, "PermuteBackward", g -> x.accumulateGrad(permute(g, inverse)), x);
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int rank = x.dim();
        if (rank < 2 && d0 == -2 && d1 == -1) return x; // t() of a vector is the vector, as in PyTorch
        int a = Shapes.dim("transpose", d0, rank), b = Shapes.dim("transpose", d1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    static Tensor expand(Tensor x, int... req) {
        int[] in = x.shape();
        if (req.length < in.length)
            throw new ShapeMismatchException("expand: target " + Arrays.toString(req) + " has fewer dims than shape " + Shapes.str(in));
        int[] shape = req.clone();
        int lead = req.length - in.length;
        for (int i = 0; i < req.length; i++) {
            int own = i < lead ? 1 : in[i - lead];
            if (req[i] == -1) {
                if (i < lead) throw new IllegalArgumentException("expand: -1 is not allowed for a new leading dim in " + Arrays.toString(req));
                shape[i] = own;
            } else if (own != req[i] && own != 1) {
                throw new ShapeMismatchException("expand: shape " + Shapes.str(in) + " cannot be expanded to " + Arrays.toString(req) + " (dim " + i + ")");
            }
        }
        if (Arrays.equals(shape, in)) return x;
        Tensor out = new Tensor(gatherStrided(x.data(), 0, shape, Shapes.broadcastStrides(in, shape)), shape);
        return Engine.record(out, "ExpandBackward", g -> x.accumulateGrad(Reductions.sumTo(g, in)), x);
    }

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int[] in = x.shape();
        int d = Shapes.dim("narrow", dim, in.length);
        if (start < 0 || length < 0 || start + length > in[d])
            throw new IndexOutOfBoundsException("narrow: start " + start + " + length " + length + " exceeds size " + in[d] + " of dim " + d);
        return slice(x, d, start, start + length, 1);
    }

    /** {@code x[..., start:end:step, ...]} along dim (negative start/end count from the end, clipped like Python). */
    static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        int[] in = x.shape();
        int d = Shapes.dim("slice", dim, in.length);
        if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
        int size = in[d];
        int s = clip(start < 0 ? start + size : start, size), e = clip(end < 0 ? end + size : end, size);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = Reductions.withSize(in, d, len);
        int[] st = Shapes.strides(in), src = st.clone();
        src[d] = st[d] * step;
        int offset = s * st[d];
        Tensor out = new Tensor(len == 0 ? new float[Shapes.numel(shape)] : gatherStrided(x.data(), offset, shape, src), shape);
        return Engine.record(out, "SliceBackward", g -> {
            float[] gi = new float[x.numel()];
            scatterStrided(g.data(), gi, offset, shape, src);
            x.accumulateGrad(new Tensor(gi, in));
        }, x);
    }

    private static int clip(int i, int size) {
        return Math.max(0, Math.min(i, size));
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        int[] first = tensors.get(0).shape();
        int d = Shapes.dim("cat", dim, first.length);
        int total = 0;
        for (Tensor t : tensors) {
            int[] s = t.shape();
            boolean fits = s.length == first.length;
            for (int i = 0; fits && i < s.length; i++) fits = i == d || s[i] == first[i];
            if (!fits) throw new ShapeMismatchException("cat: shapes " + Shapes.str(first) + " and " + Shapes.str(s) + " differ outside dim " + d);
            total += s[d];
        }
        int[] shape = Reductions.withSize(first, d, total);
        int outer = Shapes.prod(first, 0, d), inner = Shapes.prod(first, d + 1, first.length);
        float[] o = new float[Shapes.numel(shape)];
        int at = 0;
        for (Tensor t : tensors) {
            int chunk = t.size(d) * inner;
            for (int p = 0; p < outer; p++) System.arraycopy(t.data(), p * chunk, o, p * total * inner + at * inner, chunk);
            at += t.size(d);
        }
        Tensor out = new Tensor(o, shape);
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Engine.record(out, "CatBackward", g -> {
            int from = 0;
            for (Tensor t : inputs) {
                if (t.requiresGrad()) t.accumulateGrad(narrow(g, d, from, t.size(d)));
                from += t.size(d);
            }
        }, inputs);
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        int[] first = tensors.get(0).shape();
        int d = Shapes.dim("stack", dim, first.length + 1);
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : tensors) {
            if (!Arrays.equals(t.shape(), first))
                throw new ShapeMismatchException("stack: all tensors need the same shape, got " + Shapes.str(first) + " and " + Shapes.str(t.shape()));
            expanded.add(unsqueeze(t, d));
        }
        return cat(expanded, d);
    }

    static List<Tensor> split(Tensor x, int splitSize, int dim) {
        if (splitSize <= 0) throw new IllegalArgumentException("split: split size must be positive, got " + splitSize);
        int d = Shapes.dim("split", dim, x.dim());
        List<Tensor> parts = new ArrayList<>();
        for (int s = 0; s < x.size(d); s += splitSize) parts.add(narrow(x, d, s, Math.min(splitSize, x.size(d) - s)));
        return parts;
    }

    /** Copies a strided view (given shape, source strides, offset) into a contiguous array. */
    static float[] gatherStrided(float[] src, int offset, int[] shape, int[] strides) {
        float[] o = new float[Shapes.numel(shape)];
        if (o.length == 0) return o;
        int rank = shape.length;
        if (rank == 0) {
            o[0] = src[offset];
            return o;
        }
        int inner = shape[rank - 1], is = strides[rank - 1];
        int[] idx = new int[rank];
        int off = offset;
        for (int r = 0, runs = o.length / inner; r < runs; r++) {
            int ob = r * inner;
            if (is == 1) System.arraycopy(src, off, o, ob, inner);
            else for (int i = 0; i < inner; i++) o[ob + i] = src[off + i * is];
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) break;
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return o;
    }

    /** The adjoint of {@link #gatherStrided}: adds contiguous {@code src} into a strided view of {@code dst}. */
    static void scatterStrided(float[] src, float[] dst, int offset, int[] shape, int[] strides) {
        if (src.length == 0) return;
        int rank = shape.length;
        if (rank == 0) {
            dst[offset] += src[0];
            return;
        }
        int inner = shape[rank - 1], is = strides[rank - 1];
        int[] idx = new int[rank];
        int off = offset;
        for (int r = 0, runs = src.length / inner; r < runs; r++) {
            int sb = r * inner;
            for (int i = 0; i < inner; i++) dst[off + i * is] += src[sb + i];
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) break;
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
