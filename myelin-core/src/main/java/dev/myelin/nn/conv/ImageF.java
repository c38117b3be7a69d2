package dev.myelin.nn.conv;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Functional image ops besides pooling, as {@code torch.nn.functional}'s {@code dropout2d} and
 * {@code interpolate} (nearest, bilinear). Both are composites of tensor ops (a broadcast multiply; row and
 * column gathers with weights), so their gradients, to any order, come from those ops.
 */
public final class ImageF {
    private ImageF() {}

    /**
     * Channel dropout on [N, C, H, W] (or [N, C, L]): in training each whole channel (n, c) is zeroed with
     * probability p and the others scaled by 1/(1−p); the identity when not training or p = 0. As
     * {@code F.dropout2d}; a 3-D input is [N, C, L], as PyTorch 1.13 treats it.
     *
     * @param x        [N, C, H, W] or [N, C, L]
     * @param p        the probability that a channel is zeroed, in [0, 1]
     * @param training whether to drop (false: return x)
     * @param gen      the generator the N·C draws come from
     * @return x with dropped channels zeroed and the rest scaled, or x itself
     * @throws IllegalArgumentException if {@code p} is out of range
     * @throws ShapeMismatchException if x is not 3-D or 4-D
     */
    public static Tensor dropout2d(Tensor x, double p, boolean training, Generator gen) {
        return dropout2d("dropout2d", x, p, training, gen);
    }

    static Tensor dropout2d(String layer, Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1))
            throw new IllegalArgumentException(layer + ": probability p must be in [0, 1], got " + p);
        int[] s = x.shape();
        if (s.length != 3 && s.length != 4)
            throw new ShapeMismatchException(
                    layer + ": expected input of shape [N, C, H, W] (or [N, C, L]), got " + Shapes.str(s));
        if (!training || p == 0) return x;
        int[] maskShape = s.clone();
        for (int d = 2; d < s.length; d++) maskShape[d] = 1; // one draw per (n, c), broadcast over the plane
        float[] mask = new float[s[0] * s[1]];
        if (p < 1) {
            float keep = (float) (1 / (1 - p));
            for (int i = 0; i < mask.length; i++) mask[i] = gen.nextDouble() >= p ? keep : 0;
        }
        return x.mul(new Tensor(mask, maskShape));
    }

    /** The output (height, width) of an upsampling: {@code size}, or ⌊in·scaleFactor⌋ per side, as PyTorch. */
    static int[] outputSize(String layer, Tensor x, int[] size, Double scaleFactor) {
        if ((size == null) == (scaleFactor == null))
            throw new IllegalArgumentException(layer + ": give exactly one of size and scaleFactor");
        if (size != null) return PoolArgs.checked(layer, "size", size, 1);
        if (!(scaleFactor > 0 && scaleFactor < 1e6))
            throw new IllegalArgumentException(layer + ": scaleFactor must be positive, got " + scaleFactor);
        int[] out = {(int) Math.floor(x.size(-2) * scaleFactor), (int) Math.floor(x.size(-1) * scaleFactor)};
        if (out[0] < 1 || out[1] < 1)
            throw new IllegalArgumentException(
                    layer + ": scaleFactor " + scaleFactor + " makes input " + Shapes.str(x.shape()) + " empty");
        return out;
    }

    /**
     * {@code F.interpolate(x, size, scale_factor, mode='nearest')} on [N, C, H, W]: output (i, j) copies input
     * (src(i), src(j)) with PyTorch's index rule, src(o) = min(⌊o·scale⌋, in − 1) with scale = 1/scaleFactor or
     * in/out, computed in float as PyTorch does; {@code scaleFactor} null when {@code size} is given.
     *
     * @param x           [N, C, H, W] with H, W {@code > 0}
     * @param size        the output {height, width}, each {@code >= 1}, or null when scaling
     * @param scaleFactor the output is ⌊in·scaleFactor⌋ per side, {@code > 0}; or null when {@code size} is given
     * @return [N, C, H_out, W_out]
     * @throws IllegalArgumentException unless exactly one of size and scaleFactor is given, in range, and the
     *     output is not empty
     * @throws ShapeMismatchException if x is not 4-D with non-empty planes
     */
    public static Tensor upsampleNearest(Tensor x, int[] size, Double scaleFactor) {
        return nearest("interpolate", x, size, scaleFactor);
    }

    static Tensor nearest(String layer, Tensor x, int[] size, Double scaleFactor) {
        checkImage4(layer, x);
        int[] out = outputSize(layer, x, size, scaleFactor);
        Tensor rows = x.indexSelect(2, nearestIndex(x.size(2), out[0], scaleFactor));
        return rows.indexSelect(3, nearestIndex(x.size(3), out[1], scaleFactor));
    }

    /** PyTorch's nearest source index: dst for equal sizes, dst/2 for double, else min(⌊dst·scale⌋, in−1) in float. */
    private static IndexTensor nearestIndex(int in, int out, Double scaleFactor) {
        float scale = scaleFactor != null ? (float) (1.0 / scaleFactor) : (float) in / out;
        int[] idx = new int[out];
        for (int o = 0; o < out; o++)
            idx[o] = out == in ? o : out == 2 * in ? o >> 1 : Math.min((int) Math.floor(o * scale), in - 1);
        return IndexTensor.of(idx, out);
    }

    /**
     * {@code F.interpolate(x, size, scale_factor, mode='bilinear', align_corners)} on [N, C, H, W]: each output
     * mixes the two nearest rows, then the two nearest columns, with PyTorch's source coordinates.
     *
     * @param x            [N, C, H, W] with H, W {@code > 0}
     * @param size         the output {height, width}, each {@code >= 1}, or null when scaling
     * @param scaleFactor  the output is ⌊in·scaleFactor⌋ per side, {@code > 0}; or null when {@code size} is given
     * @param alignCorners whether the corner pixels of input and output are aligned (src = dst·(in−1)/(out−1))
     *     instead of their outer edges (PyTorch's default false)
     * @return [N, C, H_out, W_out]
     * @throws IllegalArgumentException unless exactly one of size and scaleFactor is given, in range, and the
     *     output is not empty
     * @throws ShapeMismatchException if x is not 4-D with non-empty planes
     */
    public static Tensor upsampleBilinear(Tensor x, int[] size, Double scaleFactor, boolean alignCorners) {
        return bilinear("interpolate", x, size, scaleFactor, alignCorners);
    }

    static Tensor bilinear(String layer, Tensor x, int[] size, Double scaleFactor, boolean alignCorners) {
        checkImage4(layer, x);
        int[] out = outputSize(layer, x, size, scaleFactor);
        Tensor rows = linear(x, 2, out[0], scaleFactor, alignCorners);
        return linear(rows, 3, out[1], scaleFactor, alignCorners);
    }

    /** Linear interpolation along one dim (2 or 3): lo·(1−λ) + hi·λ with PyTorch's area_pixel source index. */
    private static Tensor linear(Tensor x, int dim, int out, Double scaleFactor, boolean alignCorners) {
        int in = x.size(dim);
        float scale = alignCorners
                ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f)
                : scaleFactor != null ? (float) (1.0 / scaleFactor) : (float) in / out;
        int[] lo = new int[out], hi = new int[out];
        float[] w0 = new float[out], w1 = new float[out];
        for (int o = 0; o < out; o++) {
            float src = alignCorners ? scale * o : Math.max(scale * (o + 0.5f) - 0.5f, 0f);
            int i0 = Math.min((int) src, in - 1);
            float lambda = Math.min(Math.max(src - i0, 0f), 1f);
            lo[o] = i0;
            hi[o] = i0 + (i0 < in - 1 ? 1 : 0);
            w0[o] = 1 - lambda;
            w1[o] = lambda;
        }
        int[] weightShape = dim == 2 ? new int[] {out, 1} : new int[] {out};
        return x.indexSelect(dim, IndexTensor.of(lo, out))
                .mul(new Tensor(w0, weightShape))
                .add(x.indexSelect(dim, IndexTensor.of(hi, out)).mul(new Tensor(w1, weightShape)));
    }

    private static void checkImage4(String layer, Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[2] == 0 || s[3] == 0)
            throw new ShapeMismatchException(
                    layer + ": expected input of shape [N, C, H, W] with H, W > 0, got " + Shapes.str(s));
    }
}
