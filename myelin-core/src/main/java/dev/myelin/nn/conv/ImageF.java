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
     * probability p and the others scaled by 1/(1−p); the identity when not training or p = 0.
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
     * (src(i), src(j)) with PyTorch's index rule (see {@link #nearestIndex}); {@code scaleFactor} null when
     * {@code size} is given.
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
