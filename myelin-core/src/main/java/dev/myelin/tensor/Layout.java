package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.kernel.VectorOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Ops that change the shape or the order of elements. The layout ops are O(1) views: each computes the
 * view's geometry (offset and strides) twice with one function, once in the storage (where the view
 * reads) and once in the base's row-major index space (where its gradient goes), so the backward of any
 * view adds the gradient into just the region of the base's gradient that the view covers. Views that
 * broadcast (expand) have stride 0; their backward sums, since the scatter adds repeated positions.
 */
final class Layout {
    private Layout() {}

    /** Where a view starts and how it steps, in some index space. */
    record Geometry(int offset, int[] strides) {}

    /** A view of x with the given shape, its geometry made by {@code f} from x's; backward scatters into x's gradient. */
    private static Tensor makeView(String op, Tensor x, int[] shape, UnaryOperator<Geometry> f) {
        Geometry inStorage = f.apply(new Geometry(x.storageOffset(), x.stride()));
        Geometry region = f.apply(new Geometry(0, Shapes.strides(x.shape())));
        Tensor out = x.viewOf(inStorage.offset(), shape, inStorage.strides());
        return Engine.recordShapeOnly(out, op, g -> x.accumulateGradRegion(g, region.offset(), region.strides()), x);
    }

    /** A compact copy of a view (what {@code contiguous()} returns for one). */
    static Tensor contiguous(Tensor x) {
        return Engine.recordShapeOnly(new Tensor(x.toArray(), x.shape()), "CloneBackward", x::accumulateGrad, x);
    }

    // ---------------------------------------------------------------- reshape

    static Tensor view(Tensor x, int... newShape) {
        int[] in = x.shape();
        int[] shape = inferShape(in, x.numel(), newShape);
        if (viewStrides(in, x.stride(), shape) == null)
            throw new IllegalStateException(
                    "view: size " + Shapes.str(shape) + " is not compatible with the input's shape " + Shapes.str(in)
                            + " and strides " + Shapes.str(x.stride())
                            + " (at least one dimension spans across two contiguous subspaces); use reshape(...) instead");
        return makeView("ViewBackward", x, shape, g -> new Geometry(g.offset(), viewStrides(in, g.strides(), shape)));
    }

    /** A view when the strides allow one, else a copy of the values in the new shape (as {@code reshape}). */
    static Tensor reshape(Tensor x, int... newShape) {
        int[] shape = inferShape(x.shape(), x.numel(), newShape);
        if (viewStrides(x.shape(), x.stride(), shape) == null) return view(contiguous(x), shape);
        return view(x, shape);
    }

    /**
     * Strides that read a tensor of shape {@code in}, strides {@code st}, as shape {@code out} without
     * moving data, or null if there are none (PyTorch's {@code computeStride}): dims can be merged or
     * split only inside runs of dims that are contiguous with each other.
     */
    static int[] viewStrides(int[] in, int[] st, int[] out) {
        if (in.length == 0 || Shapes.numel(in) == 0) return Shapes.strides(out);
        int[] ns = new int[out.length];
        int viewD = out.length - 1;
        long chunkBase = st[st.length - 1], tensorNumel = 1, viewNumel = 1;
        for (int d = in.length - 1; d >= 0; d--) {
            tensorNumel *= in[d];
            if (d == 0 || (in[d - 1] != 1 && st[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || out[viewD] == 1)) {
                    ns[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= out[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBase = st[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? ns : null;
    }

    private static int[] inferShape(int[] in, int numel, int[] req) {
        int[] s = req.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0)
                    throw new IllegalArgumentException("reshape: only one size may be -1, got " + Arrays.toString(req));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + s[i] + " in " + Arrays.toString(req));
            } else known *= s[i];
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0)
                throw new ShapeMismatchException(
                        "reshape: shape " + Arrays.toString(req) + " is invalid for input of shape " + Shapes.str(in));
            s[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new ShapeMismatchException("reshape: shape " + Arrays.toString(req)
                    + " is invalid for input of shape " + Shapes.str(in) + " (" + numel + " elements)");
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
        int[] in = x.shape();
        int[] keep = IntStream.range(0, in.length).filter(d -> in[d] != 1).toArray();
        if (keep.length == in.length) return x;
        return makeView("SqueezeBackward", x, pick(in, keep), g -> new Geometry(g.offset(), pick(g.strides(), keep)));
    }

    static Tensor squeeze(Tensor x, int dim) {
        int[] in = x.shape();
        if (in.length == 0) return x;
        int d = Shapes.dim("squeeze", dim, in.length);
        if (in[d] != 1) return x;
        int[] keep = IntStream.range(0, in.length).filter(i -> i != d).toArray();
        return makeView("SqueezeBackward", x, pick(in, keep), g -> new Geometry(g.offset(), pick(g.strides(), keep)));
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] in = x.shape();
        int d = Shapes.dim("unsqueeze", dim, in.length + 1);
        int[] s = new int[in.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == d ? 1 : in[j++];
        return makeView("UnsqueezeBackward", x, s, g -> {
            int[] st = g.strides(), ns = new int[st.length + 1];
            for (int i = 0, j = 0; i < ns.length; i++) ns[i] = i == d ? (d < in.length ? in[d] * st[d] : 1) : st[j++];
            return new Geometry(g.offset(), ns);
        });
    }

    private static int[] pick(int[] values, int[] dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) out[i] = values[dims[i]];
        return out;
    }

    // ---------------------------------------------------------------- reordering and broadcasting views

    static Tensor permute(Tensor x, int... dims) {
        int[] in = x.shape();
        int rank = in.length;
        if (dims.length != rank)
            throw new ShapeMismatchException("permute: " + Arrays.toString(dims) + " has " + dims.length
                    + " dims, tensor of shape " + Shapes.str(in) + " has " + rank);
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.dim("permute", dims[i], rank);
            if (seen[perm[i]])
                throw new IllegalArgumentException("permute: dim " + dims[i] + " repeated in " + Arrays.toString(dims));
            seen[perm[i]] = true;
        }
        return makeView("PermuteBackward", x, pick(in, perm), g -> new Geometry(g.offset(), pick(g.strides(), perm)));
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int rank = x.dim();
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
            throw new ShapeMismatchException(
                    "expand: target " + Arrays.toString(req) + " has fewer dims than shape " + Shapes.str(in));
        int[] shape = req.clone();
        int lead = req.length - in.length;
        for (int i = 0; i < req.length; i++) {
            int own = i < lead ? 1 : in[i - lead];
            if (req[i] == -1) {
                if (i < lead)
                    throw new IllegalArgumentException(
                            "expand: -1 is not allowed for a new leading dim in " + Arrays.toString(req));
                shape[i] = own;
            } else if (req[i] < 0 || (own != req[i] && own != 1)) {
                throw new ShapeMismatchException("expand: shape " + Shapes.str(in) + " cannot be expanded to "
                        + Arrays.toString(req) + " (dim " + i + ")");
            }
        }
        if (Arrays.equals(shape, in)) return x;
        return makeView(
                "ExpandBackward",
                x,
                shape,
                g -> new Geometry(g.offset(), Shapes.expandStrides(in, g.strides(), shape)));
    }

    // ---------------------------------------------------------------- sub-ranges

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int[] in = x.shape();
        int d = Shapes.dim("narrow", dim, in.length);
        if (start < 0 || length < 0 || start + length > in[d])
            throw new IndexOutOfBoundsException(
                    "narrow: start " + start + " + length " + length + " exceeds size " + in[d] + " of dim " + d);
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
        return makeView("SliceBackward", x, Reductions.withSize(in, d, len), g -> {
            int[] st = g.strides().clone();
            int off = g.offset() + (len == 0 ? 0 : s * st[d]);
            st[d] *= step;
            return new Geometry(off, st);
        });
    }

    private static int clip(int i, int size) {
        return Math.max(0, Math.min(i, size));
    }

    static Tensor select(Tensor x, int dim, int index) {
        int[] in = x.shape();
        if (in.length == 0) throw new IllegalArgumentException("select: a 0-dim tensor has no dim to select from");
        int d = Shapes.dim("select", dim, in.length);
        int i = index < 0 ? index + in[d] : index;
        if (i < 0 || i >= in[d])
            throw new IndexOutOfBoundsException(
                    "select: index " + index + " is out of range for dim " + d + " of size " + in[d]);
        int[] keep = IntStream.range(0, in.length).filter(k -> k != d).toArray();
        return makeView(
                "SelectBackward",
                x,
                pick(in, keep),
                g -> new Geometry(g.offset() + i * g.strides()[d], pick(g.strides(), keep)));
    }

    static Tensor unfold(Tensor x, int dim, int size, int step) {
        int[] in = x.shape();
        int rank = Math.max(in.length, 1);
        int d = Shapes.dim("unfold", dim, rank);
        int n = in.length == 0 ? 1 : in[d];
        if (size < 0 || size > n)
            throw new IllegalArgumentException(
                    "unfold: size " + size + " must be in [0, " + n + "] (size of dim " + d + ")");
        if (step <= 0) throw new IllegalArgumentException("unfold: step must be positive, got " + step);
        int count = (n - size) / step + 1;
        int[] shape = Arrays.copyOf(in.length == 0 ? new int[] {1} : in, rank + 1);
        shape[d] = count;
        shape[rank] = size;
        Tensor src = in.length == 0 ? x.reshape(1) : x;
        return makeView("UnfoldBackward", src, shape, g -> {
            int[] st = Arrays.copyOf(g.strides(), rank + 1);
            st[rank] = g.strides()[d];
            st[d] = g.strides()[d] * step;
            return new Geometry(g.offset(), st);
        });
    }

    // ---------------------------------------------------------------- the scatter behind view gradients

    /**
     * zeros(shape) with g added at the region (offset, strides) of the row-major index space: the
     * recorded form of a view's backward, used when backward builds a graph; its own backward reads the
     * region back ({@link #asStrided}).
     */
    static Tensor stridedScatter(Tensor g, int[] shape, int offset, int[] strides) {
        float[] o = new float[Shapes.numel(shape)];
        scatterAddStrided(g.values(), o, offset, g.shape(), strides);
        int[] gs = g.shape();
        return Engine.recordShapeOnly(
                new Tensor(o, shape),
                "StridedScatterBackward",
                gg -> g.accumulateGrad(asStrided(gg.contiguous(), gs, strides, offset)),
                g);
    }

    /** The region (offset, strides) of a compact tensor as a view of the given shape (the adjoint of {@link #stridedScatter}). */
    static Tensor asStrided(Tensor x, int[] shape, int[] strides, int offset) {
        return makeView("AsStridedBackward", x, shape, g -> {
            // x is compact, so its storage and its row-major index space coincide.
            return new Geometry(g.offset() + offset, strides);
        });
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
            if (!fits)
                throw new ShapeMismatchException(
                        "cat: shapes " + Shapes.str(first) + " and " + Shapes.str(s) + " differ outside dim " + d);
            total += s[d];
        }
        int[] shape = Reductions.withSize(first, d, total);
        int outer = Shapes.prod(first, 0, d), inner = Shapes.prod(first, d + 1, first.length);
        float[] o = new float[Shapes.numel(shape)];
        int at = 0;
        for (Tensor t : tensors) {
            int chunk = t.size(d) * inner;
            float[] td = t.values();
            for (int p = 0; p < outer; p++) System.arraycopy(td, p * chunk, o, p * total * inner + at * inner, chunk);
            at += t.size(d);
        }
        Tensor out = new Tensor(o, shape);
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Engine.recordShapeOnly(
                out,
                "CatBackward",
                g -> {
                    int from = 0;
                    for (Tensor t : inputs) {
                        if (t.requiresGrad()) t.accumulateGrad(narrow(g, d, from, t.size(d)));
                        from += t.size(d);
                    }
                },
                inputs);
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        int[] first = tensors.get(0).shape();
        int d = Shapes.dim("stack", dim, first.length + 1);
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : tensors) {
            if (!Arrays.equals(t.shape(), first))
                throw new ShapeMismatchException("stack: all tensors need the same shape, got " + Shapes.str(first)
                        + " and " + Shapes.str(t.shape()));
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
        if (rank >= 2 && is != 1 && strides[rank - 2] == 1 && shape[rank - 2] >= TILE && inner >= TILE) {
            gatherTransposed(src, offset, shape, strides, o);
            return o;
        }
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

    private static final int TILE = 32;

    /**
     * {@link #gatherStrided} for views whose last two dims are stored transposed (the row index is the
     * contiguous one, as after {@code transpose(-2, -1)}): each matrix is copied in 32×32 tiles, so the
     * columns a tile reads stay in cache for all its rows instead of one cache line per element.
     */
    private static void gatherTransposed(float[] src, int offset, int[] shape, int[] strides, float[] o) {
        int rank = shape.length, rows = shape[rank - 2], cols = shape[rank - 1], cs = strides[rank - 1];
        int matrices = o.length / (rows * cols);
        int[] idx = new int[rank - 2];
        int off = offset;
        for (int mIdx = 0; mIdx < matrices; mIdx++) {
            int ob = mIdx * rows * cols;
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int j1 = Math.min(cols, j0 + TILE);
                    for (int i = i0; i < i1; i++) {
                        int row = ob + i * cols, at = off + i;
                        for (int j = j0; j < j1; j++) o[row + j] = src[at + j * cs];
                    }
                }
            }
            for (int d = rank - 3; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) break;
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** The adjoint of {@link #gatherStrided}: adds contiguous {@code src} into a strided view of {@code dst}. */
    static void scatterAddStrided(float[] src, float[] dst, int offset, int[] shape, int[] strides) {
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
            if (is == 1) VectorOps.add(dst, off, src, sb, dst, off, inner);
            else for (int i = 0; i < inner; i++) dst[off + i * is] += src[sb + i];
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
