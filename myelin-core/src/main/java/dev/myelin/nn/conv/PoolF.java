package dev.myelin.nn.conv;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.BufferPool;
import dev.myelin.kernel.Pool2d;
import dev.myelin.kernel.Pool2dPlain;
import dev.myelin.kernel.PoolAxis;
import dev.myelin.kernel.Simd;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Functional 2-D pooling on [N, C, H, W] (or unbatched [C, H, W]) inputs, as {@code torch.nn.functional}'s
 * {@code max_pool2d}, {@code avg_pool2d}, {@code adaptive_avg_pool2d} and {@code adaptive_max_pool2d}. Sizes
 * are {height, width} pairs. The loops are the {@link Pool2d} kernels; each op records its backward next to
 * its forward: a kernel under a plain backward, tensor ops when the backward builds a graph.
 */
public final class PoolF {
    private PoolF() {}

    // ---------------------------------------------------------------- max

    /**
     * Max pooling, as {@code F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode)}: each output is the
     * largest input in its window (NaN if the window holds one); padding is never the maximum. Each output size is
     * {@code ⌊(in + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1} (rounded up with ceilMode, as long as the
     * last window starts inside the input or its left padding).
     *
     * @param x        the input [N, C, H, W] or unbatched [C, H, W]
     * @param kernel   the window {kh, kw}, each {@code >= 1}
     * @param stride   {sh, sw}, each {@code >= 1} (PyTorch's default: the kernel)
     * @param padding  implicit −∞ padding {ph, pw}, each at most half the kernel
     * @param dilation spacing of the window's elements {dh, dw}, each {@code >= 1}
     * @param ceilMode whether to round the output size up instead of down
     * @return [N, C, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException naming the argument, if a size pair is out of range
     * @throws ShapeMismatchException if x is not 3-D or 4-D with non-empty planes, or too small for the window
     */
    public static Tensor maxPool2d(
            Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool2d", x, kernel, stride, padding, dilation, ceilMode, false)
                .output();
    }

    /**
     * {@code F.max_pool2d(..., return_indices=True)}: the pooled values and the positions of the maxima, for
     * {@code max_unpool2d}-style uses; the arguments are those of
     * {@link #maxPool2d(Tensor, int[], int[], int[], int[], boolean)}.
     *
     * @param x        the input [N, C, H, W] or unbatched [C, H, W]
     * @param kernel   the window {kh, kw}, each {@code >= 1}
     * @param stride   {sh, sw}, each {@code >= 1}
     * @param padding  implicit −∞ padding {ph, pw}, each at most half the kernel
     * @param dilation spacing of the window's elements {dh, dw}, each {@code >= 1}
     * @param ceilMode whether to round the output size up instead of down
     * @return the pooled values and, for each, the flat position h·W + w of its maximum in its input plane
     * @throws IllegalArgumentException naming the argument, if a size pair is out of range
     * @throws ShapeMismatchException if x is not 3-D or 4-D with non-empty planes, or too small for the window
     */
    public static MaxPoolOutput maxPool2dWithIndices(
            Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool2d", x, kernel, stride, padding, dilation, ceilMode, true);
    }

    /** With {@code withIndices} false the result's indices are null (no copy of the positions is made). */
    static MaxPoolOutput maxPool(
            String layer,
            Tensor x,
            int[] kernel,
            int[] stride,
            int[] padding,
            int[] dilation,
            boolean ceilMode,
            boolean withIndices) {
        checkImage(layer, x);
        checkGeometry(layer, kernel, stride, padding, dilation);
        return max(
                layer,
                x,
                axis(layer, "height", x.size(-2), kernel[0], stride[0], padding[0], dilation[0], ceilMode),
                axis(layer, "width", x.size(-1), kernel[1], stride[1], padding[1], dilation[1], ceilMode),
                withIndices);
    }

    /**
     * Adaptive max pooling, as {@code F.adaptive_max_pool2d(x, outputSize)}: output row i takes the maximum over
     * input rows [⌊i·H/H_out⌋, ⌈(i+1)·H/H_out⌉), likewise for the columns, so any input size gives the asked size.
     *
     * @param x          the input [N, C, H, W] or unbatched [C, H, W]
     * @param outputSize {H_out, W_out}, each {@code >= 1}
     * @return [N, C, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException if {@code outputSize} is not two sizes {@code >= 1}
     * @throws ShapeMismatchException if x is not 3-D or 4-D with non-empty planes
     */
    public static Tensor adaptiveMaxPool2d(Tensor x, int[] outputSize) {
        return adaptiveMax("adaptive_max_pool2d", x, outputSize);
    }

    static Tensor adaptiveMax(String layer, Tensor x, int[] outputSize) {
        checkImage(layer, x);
        pair(layer, "outputSize", outputSize, 1);
        return max(
                        layer,
                        x,
                        PoolAxis.adaptive(x.size(-2), outputSize[0]),
                        PoolAxis.adaptive(x.size(-1), outputSize[1]),
                        false)
                .output();
    }

    private static MaxPoolOutput max(String layer, Tensor x, PoolAxis rows, PoolAxis cols, boolean withIndices) {
        int[] inShape = x.shape(), outShape = pooledShape(inShape, rows, cols);
        int planes = planes(inShape), inPlane = rows.in() * cols.in(), outPlane = rows.out() * cols.out();
        float[] out = new float[planes * outPlane];
        boolean recorded = NoGrad.isGradEnabled() && x.requiresGrad();
        if (!withIndices && !recorded) { // inference: no positions to keep
            if (Simd.ENABLED) Pool2d.maxForward(x.values(), planes, rows, cols, out, null);
            else Pool2dPlain.maxForward(x.values(), planes, rows, cols, out, null);
            return new MaxPoolOutput(new Tensor(out, outShape), null);
        }
        int[] argmax = new int[out.length];
        if (Simd.ENABLED) Pool2d.maxForward(x.values(), planes, rows, cols, out, argmax);
        else Pool2dPlain.maxForward(x.values(), planes, rows, cols, out, argmax);
        Tensor y = Engine.recordShapeOnly(
                new Tensor(out, outShape),
                "MaxPool2DWithIndicesBackward0",
                g -> {
                    if (!NoGrad.isGradEnabled()) {
                        // 2x2 windows that tile the plane write every input gradient: an array given back by an earlier
                        // step will do
                        boolean tiled = rows.plain() == 2 && cols.plain() == 2;
                        float[] gi = tiled && rows.in() == 2 * rows.out() && cols.in() == 2 * cols.out()
                                ? BufferPool.take(planes * inPlane)
                                : new float[planes * inPlane];
                        if (tiled && Simd.ENABLED) Pool2d.maxBackward2x2(g.values(), argmax, planes, rows, cols, gi);
                        else if (tiled) Pool2dPlain.maxBackward2x2(g.values(), argmax, planes, rows, cols, gi);
                        else if (Simd.ENABLED) Pool2d.maxBackward(g.values(), argmax, planes, inPlane, outPlane, gi);
                        else Pool2dPlain.maxBackward(g.values(), argmax, planes, inPlane, outPlane, gi);
                        x.accumulateNewGrad(gi);
                        Engine.doneWith(g);
                        return;
                    }
                    // building a graph: a recorded scatter-add of g into each plane (its own backward is a gather)
                    Tensor flat = Tensor.zeros(planes, inPlane)
                            .scatterAdd(1, IndexTensor.of(argmax, planes, outPlane), g.reshape(planes, outPlane));
                    x.accumulateGrad(flat.reshape(inShape));
                },
                x);
        return new MaxPoolOutput(y, withIndices ? IndexTensor.of(argmax, outShape) : null);
    }

    // ---------------------------------------------------------------- average

    /**
     * {@code F.avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override)}; a null
     * {@code divisorOverride} divides by the window size (with or without the padding it covers). Output sizes as
     * {@link #maxPool2d(Tensor, int[], int[], int[], int[], boolean)} with dilation 1.
     *
     * @param x               the input [N, C, H, W] or unbatched [C, H, W]
     * @param kernel          the window {kh, kw}, each {@code >= 1}
     * @param stride          {sh, sw}, each {@code >= 1} (PyTorch's default: the kernel)
     * @param padding         implicit zero padding {ph, pw}, each at most half the kernel
     * @param ceilMode        whether to round the output size up instead of down
     * @param countIncludePad whether the zero padding a window covers counts in its divisor (PyTorch's default true)
     * @param divisorOverride a divisor for every window, {@code > 0}, or null
     * @return [N, C, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException naming the argument, if a size pair or the divisor is out of range
     * @throws ShapeMismatchException if x is not 3-D or 4-D with non-empty planes, or too small for the window
     */
    public static Tensor avgPool2d(
            Tensor x,
            int[] kernel,
            int[] stride,
            int[] padding,
            boolean ceilMode,
            boolean countIncludePad,
            Integer divisorOverride) {
        return avgPool("avg_pool2d", x, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    static Tensor avgPool(
            String layer,
            Tensor x,
            int[] kernel,
            int[] stride,
            int[] padding,
            boolean ceilMode,
            boolean countIncludePad,
            Integer divisorOverride) {
        checkImage(layer, x);
        checkGeometry(layer, kernel, stride, padding, new int[] {1, 1});
        if (divisorOverride != null && divisorOverride <= 0)
            throw new IllegalArgumentException(
                    layer + ": divisorOverride must be positive (or null), got " + divisorOverride);
        int h = x.size(-2), w = x.size(-1);
        PoolAxis rows = axis(layer, "height", h, kernel[0], stride[0], padding[0], 1, ceilMode);
        PoolAxis cols = axis(layer, "width", w, kernel[1], stride[1], padding[1], 1, ceilMode);
        float[] divisor = new float[rows.out() * cols.out()];
        for (int i = 0; i < rows.out(); i++)
            for (int j = 0; j < cols.out(); j++) {
                // PyTorch's divide_factor: the override, else the window clipped to the padded input, else to the input
                int hs = i * stride[0] - padding[0], ws = j * stride[1] - padding[1];
                int padded = (Math.min(hs + kernel[0], h + padding[0]) - hs)
                        * (Math.min(ws + kernel[1], w + padding[1]) - ws);
                divisor[i * cols.out() + j] = divisorOverride != null
                        ? divisorOverride
                        : countIncludePad ? padded : rows.count()[i] * cols.count()[j];
            }
        return avg(x, rows, cols, divisor);
    }

    /**
     * Adaptive average pooling, as {@code F.adaptive_avg_pool2d(x, outputSize)}: output row i averages input rows
     * [⌊i·H/H_out⌋, ⌈(i+1)·H/H_out⌉), likewise for the columns; {1, 1} is global average pooling.
     *
     * @param x          the input [N, C, H, W] or unbatched [C, H, W]
     * @param outputSize {H_out, W_out}, each {@code >= 1}
     * @return [N, C, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException if {@code outputSize} is not two sizes {@code >= 1}
     * @throws ShapeMismatchException if x is not 3-D or 4-D with non-empty planes
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        return adaptiveAvg("adaptive_avg_pool2d", x, outputSize);
    }

    static Tensor adaptiveAvg(String layer, Tensor x, int[] outputSize) {
        checkImage(layer, x);
        pair(layer, "outputSize", outputSize, 1);
        PoolAxis rows = PoolAxis.adaptive(x.size(-2), outputSize[0]),
                cols = PoolAxis.adaptive(x.size(-1), outputSize[1]);
        float[] divisor = new float[rows.out() * cols.out()];
        for (int i = 0; i < rows.out(); i++)
            for (int j = 0; j < cols.out(); j++) divisor[i * cols.out() + j] = rows.count()[i] * cols.count()[j];
        return avg(x, rows, cols, divisor);
    }

    /** Average pooling; its backward is {@link #avgTranspose}, whose backward is this again (both are linear). */
    private static Tensor avg(Tensor x, PoolAxis rows, PoolAxis cols, float[] divisor) {
        int[] inShape = x.shape(), outShape = pooledShape(inShape, rows, cols);
        int planes = planes(inShape);
        float[] out = new float[planes * rows.out() * cols.out()];
        if (Simd.ENABLED) Pool2d.avgForward(x.values(), planes, rows, cols, divisor, out);
        else Pool2dPlain.avgForward(x.values(), planes, rows, cols, divisor, out);
        return Engine.recordShapeOnly(
                new Tensor(out, outShape),
                "AvgPool2DBackward0",
                g -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] gi = new float[x.numel()];
                        if (Simd.ENABLED) Pool2d.avgBackward(g.values(), planes, rows, cols, divisor, gi);
                        else Pool2dPlain.avgBackward(g.values(), planes, rows, cols, divisor, gi);
                        x.accumulateNewGrad(gi);
                    } else x.accumulateGrad(avgTranspose(g, inShape, rows, cols, divisor));
                },
                x);
    }

    /** The gradient of {@link #avg} for output gradient g: each g/divisor spread over its window. */
    private static Tensor avgTranspose(Tensor g, int[] inShape, PoolAxis rows, PoolAxis cols, float[] divisor) {
        int planes = planes(inShape);
        float[] gi = new float[planes * rows.in() * cols.in()];
        if (Simd.ENABLED) Pool2d.avgBackward(g.values(), planes, rows, cols, divisor, gi);
        else Pool2dPlain.avgBackward(g.values(), planes, rows, cols, divisor, gi);
        return Engine.recordShapeOnly(
                new Tensor(gi, inShape),
                "AvgPool2DBackwardBackward0",
                gg -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] go = new float[g.numel()];
                        if (Simd.ENABLED) Pool2d.avgForward(gg.values(), planes, rows, cols, divisor, go);
                        else Pool2dPlain.avgForward(gg.values(), planes, rows, cols, divisor, go);
                        g.accumulateNewGrad(go);
                    } else g.accumulateGrad(avg(gg, rows, cols, divisor));
                },
                g);
    }

    // ---------------------------------------------------------------- shapes and checks

    /** Fails unless x is [N, C, H, W] or [C, H, W] with non-empty planes, naming the layer and what came. */
    static void checkImage(String layer, Tensor x) {
        int[] s = x.shape();
        if (s.length != 3 && s.length != 4)
            throw new ShapeMismatchException(
                    layer + ": expected input of shape [N, C, H, W] (or unbatched [C, H, W]), got " + Shapes.str(s));
        if (s[s.length - 1] == 0 || s[s.length - 2] == 0)
            throw new ShapeMismatchException(
                    layer + ": expected non-empty height and width in [N, C, H, W], got " + Shapes.str(s));
    }

    private static void checkGeometry(String layer, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        pair(layer, "kernelSize", kernel, 1);
        pair(layer, "stride", stride, 1);
        pair(layer, "padding", padding, 0);
        pair(layer, "dilation", dilation, 1);
        for (int i = 0; i < 2; i++)
            if (padding[i] > kernel[i] / 2)
                throw new IllegalArgumentException(
                        layer + ": padding should be at most half of the kernel size, got padding "
                                + Shapes.str(padding) + " for kernelSize " + Shapes.str(kernel));
    }

    private static void pair(String layer, String name, int[] v, int min) {
        if (v == null || v.length != 2)
            throw new IllegalArgumentException(layer + ": " + name + " must be a (height, width) pair, got "
                    + (v == null ? "null" : Shapes.str(v)));
        if (v[0] < min || v[1] < min)
            throw new IllegalArgumentException(
                    layer + ": " + name + " must be at least " + min + ", got " + Shapes.str(v));
    }

    private static PoolAxis axis(
            String layer, String what, int in, int kernel, int stride, int pad, int dil, boolean ceilMode) {
        int out = PoolAxis.slidingOut(in, kernel, stride, pad, dil, ceilMode);
        if (out < 1)
            throw new ShapeMismatchException(layer + ": input " + what + " " + in + " is too small for kernel " + kernel
                    + " (padding " + pad + ", dilation " + dil + "): the output " + what + " would be " + out);
        return PoolAxis.sliding(in, kernel, stride, pad, dil, ceilMode);
    }

    static int planes(int[] shape) {
        return Shapes.prod(shape, 0, shape.length - 2);
    }

    private static int[] pooledShape(int[] in, PoolAxis rows, PoolAxis cols) {
        int[] out = in.clone();
        out[out.length - 2] = rows.out();
        out[out.length - 1] = cols.out();
        return out;
    }
}
