package dev.myelin.nn.conv;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.BufferPool;
import dev.myelin.kernel.Conv2dKernel;
import dev.myelin.kernel.ConvGeometry;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Functional convolutions, as {@code torch.nn.functional}: {@link #conv1d}, {@link #conv2d},
 * {@link #convTranspose2d} and {@link #pad}. Inputs are NCHW (or NCL), batched or not; sizes per dimension are
 * {@code int[]} pairs {height, width}. The plain backward runs the {@link Conv2dKernel} products; in grad mode
 * (createGraph) the gradients are built from the same recorded ops (the input gradient of a convolution is a
 * transposed convolution and vice versa, the weight gradient a convolution of the input with the output
 * gradient), so they can be differentiated again.
 */
public final class ConvF {

    private ConvF() {}

    /**
     * 2-D convolution with PyTorch's defaults: stride 1, no padding, dilation 1, one group
     * ({@code F.conv2d(x, weight, bias)}).
     *
     * @param x      the input [N, C, H, W] or unbatched [C, H, W]
     * @param weight the kernels [O, C, kh, kw]
     * @param bias   [O], or null for none
     * @return [N, O, H − kh + 1, W − kw + 1] (unbatched without N)
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match, or the kernel is
     *     larger than the input
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1);
    }

    /**
     * 2-D convolution of x [N, C, H, W] (or [C, H, W]) with weight [O, C/groups, kh, kw] and bias [O] (may be
     * null), zero padding {@code padding} on each side, as {@code F.conv2d}. Each output size is
     * {@code ⌊(in + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1}.
     *
     * @param x        the input [N, C, H, W] or unbatched [C, H, W]
     * @param weight   the kernels [O, C/groups, kh, kw]
     * @param bias     [O], or null for none
     * @param stride   {height, width}, each {@code >= 1}
     * @param padding  zeros added on both sides, {height, width}, each {@code >= 0}
     * @param dilation spacing of the kernel's elements, {height, width}, each {@code >= 1}
     * @param groups   the number of channel groups, dividing C and O
     * @return [N, O, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException if a size array is not two integers in range, or {@code groups < 1}
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match, or the padded input
     *     is smaller than the dilated kernel
     */
    public static Tensor conv2d(
            Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        checkPair("conv2d", "stride", stride, 1);
        checkPair("conv2d", "padding", padding, 0);
        checkPair("conv2d", "dilation", dilation, 1);
        if (x.dim() == 3)
            return conv2d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups)
                    .squeeze(0);
        checkConvShapes("conv2d", x, weight, bias, groups, false);
        checkKernelFits("conv2d", x, weight, padding, dilation);
        return convolve(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * conv2d with {@code padding} "valid" (none) or "same" (output as large as the input; stride 1 only). As in
     * PyTorch, "same" pads dil*(k−1)/2 before and the rest after, so an even kernel gets the extra row/column at
     * the bottom/right.
     *
     * @param x        the input [N, C, H, W] or unbatched [C, H, W]
     * @param weight   the kernels [O, C/groups, kh, kw]
     * @param bias     [O], or null for none
     * @param stride   {height, width}, each {@code >= 1}; must be {1, 1} for "same"
     * @param padding  "valid" or "same"
     * @param dilation spacing of the kernel's elements, {height, width}, each {@code >= 1}
     * @param groups   the number of channel groups, dividing C and O
     * @return [N, O, H_out, W_out]: [N, O, H, W] for "same" (unbatched without N)
     * @throws IllegalArgumentException if {@code padding} is neither name, "same" has a stride, or a size array is
     *     out of range
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match
     */
    public static Tensor conv2d(
            Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        checkPair("conv2d", "stride", stride, 1);
        checkPair("conv2d", "dilation", dilation, 1);
        if ("valid".equals(padding)) return conv2d(x, weight, bias, stride, new int[] {0, 0}, dilation, groups);
        if (!"same".equals(padding))
            throw new IllegalArgumentException(
                    "conv2d: padding must be \"valid\", \"same\" or sizes, got \"" + padding + "\"");
        if (stride[0] != 1 || stride[1] != 1)
            throw new IllegalArgumentException("conv2d: padding=\"same\" needs stride 1, got " + Shapes.str(stride));
        if (weight.dim() != 4)
            throw new ShapeMismatchException(
                    "conv2d: weight must be 4-D [out, in/groups, kh, kw], got " + Shapes.str(weight.shape()));
        int[] total = {dilation[0] * (weight.size(2) - 1), dilation[1] * (weight.size(3) - 1)};
        int[] before = {total[0] / 2, total[1] / 2};
        int extraH = total[0] - before[0], extraW = total[1] - before[1];
        if (extraH != before[0] || extraW != before[1]) // odd total: zero-pad the remainder after, as PyTorch
        x = pad(x, new int[] {0, extraW - before[1], 0, extraH - before[0]}, PaddingMode.ZEROS);
        return conv2d(x, weight, bias, stride, before, dilation, groups);
    }

    /**
     * 1-D convolution of x [N, C, L] (or [C, L]) with weight [O, C/groups, k], as {@code F.conv1d}: a conv2d over a
     * height of 1. The output length is {@code ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1}.
     *
     * @param x        the input [N, C, L] or unbatched [C, L]
     * @param weight   the kernels [O, C/groups, k]
     * @param bias     [O], or null for none
     * @param stride   {@code >= 1}
     * @param padding  zeros added on both sides, {@code >= 0}
     * @param dilation spacing of the kernel's elements, {@code >= 1}
     * @param groups   the number of channel groups, dividing C and O
     * @return [N, O, L_out] (unbatched [O, L_out])
     * @throws IllegalArgumentException if a size is out of range
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match, or the padded input
     *     is shorter than the dilated kernel
     */
    public static Tensor conv1d(
            Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        if (x.dim() == 2)
            return conv1d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups)
                    .squeeze(0);
        checkConv1dShapes(x, weight);
        return conv2d(
                        x.unsqueeze(2),
                        weight.unsqueeze(2),
                        bias,
                        new int[] {1, stride},
                        new int[] {0, padding},
                        new int[] {1, dilation},
                        groups)
                .squeeze(2);
    }

    /**
     * 1-D convolution with {@code padding} "valid" (none) or "same" (output as long as the input; stride 1 only).
     *
     * @param x        the input [N, C, L] or unbatched [C, L]
     * @param weight   the kernels [O, C/groups, k]
     * @param bias     [O], or null for none
     * @param stride   {@code >= 1}; must be 1 for "same"
     * @param padding  "valid" or "same"
     * @param dilation spacing of the kernel's elements, {@code >= 1}
     * @param groups   the number of channel groups, dividing C and O
     * @return [N, O, L_out]: [N, O, L] for "same" (unbatched without N)
     * @throws IllegalArgumentException if {@code padding} is neither name, "same" has a stride, or a size is out
     *     of range
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match
     */
    public static Tensor conv1d(
            Tensor x, Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        if (x.dim() == 2)
            return conv1d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups)
                    .squeeze(0);
        checkConv1dShapes(x, weight);
        return conv2d(
                        x.unsqueeze(2),
                        weight.unsqueeze(2),
                        bias,
                        new int[] {1, stride},
                        padding,
                        new int[] {1, dilation},
                        groups)
                .squeeze(2);
    }

    /**
     * Transposed 2-D convolution (the input gradient of conv2d) of x [N, Cin, H, W] (or [Cin, H, W]) with weight
     * [Cin, Cout/groups, kh, kw] and bias [Cout] (may be null). Output size per dimension:
     * {@code (in−1)*stride − 2*padding + dilation*(k−1) + outputPadding + 1}; outputPadding must be smaller than
     * the stride or the dilation. Arguments in PyTorch's order ({@code F.conv_transpose2d}).
     *
     * @param x             the input [N, Cin, H, W] or unbatched [Cin, H, W]
     * @param weight        the kernels [Cin, Cout/groups, kh, kw]
     * @param bias          [Cout], or null for none
     * @param stride        {height, width}, each {@code >= 1}
     * @param padding       {height, width}, each {@code >= 0}: removes {@code dilation·(k − 1) − padding} zero
     *     padding of the equivalent convolution
     * @param outputPadding extra size added to one side of the output, {height, width}, each {@code >= 0}
     * @param groups        the number of channel groups, dividing Cin and Cout
     * @param dilation      spacing of the kernel's elements, {height, width}, each {@code >= 1}
     * @return [N, Cout, H_out, W_out] (unbatched without N)
     * @throws IllegalArgumentException if a size array is out of range, or the output size would not be positive
     * @throws ShapeMismatchException naming both shapes, if the ranks or channels do not match
     */
    public static Tensor convTranspose2d(
            Tensor x,
            Tensor weight,
            Tensor bias,
            int[] stride,
            int[] padding,
            int[] outputPadding,
            int groups,
            int[] dilation) {
        checkPair("convTranspose2d", "stride", stride, 1);
        checkPair("convTranspose2d", "padding", padding, 0);
        checkPair("convTranspose2d", "outputPadding", outputPadding, 0);
        checkPair("convTranspose2d", "dilation", dilation, 1);
        for (int d = 0; d < 2; d++)
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d])
                throw new IllegalArgumentException("convTranspose2d: outputPadding " + Shapes.str(outputPadding)
                        + " must be smaller than either the stride " + Shapes.str(stride) + " or the dilation "
                        + Shapes.str(dilation));
        if (x.dim() == 3)
            return convTranspose2d(x.unsqueeze(0), weight, bias, stride, padding, outputPadding, groups, dilation)
                    .squeeze(0);
        checkConvShapes("convTranspose2d", x, weight, bias, groups, true);
        int[] out = new int[2];
        for (int d = 0; d < 2; d++) {
            long size = (long) (x.size(2 + d) - 1) * stride[d]
                    - 2L * padding[d]
                    + (long) dilation[d] * (weight.size(2 + d) - 1)
                    + outputPadding[d]
                    + 1;
            if (size < 1 || size > Integer.MAX_VALUE)
                throw new IllegalArgumentException("convTranspose2d: input " + Shapes.str(x.shape()) + " with weight "
                        + Shapes.str(weight.shape()) + ", stride " + Shapes.str(stride) + ", padding "
                        + Shapes.str(padding)
                        + " gives output size " + size + " along dim " + (2 + d) + " (must be positive)");
            out[d] = (int) size;
        }
        return transposed(x, weight, bias, out, stride, padding, dilation, groups);
    }

    /**
     * Pads the last dims of x as PyTorch's {@code F.pad(x, pad, mode)}: {@code pad} lists (before, after) for the
     * last dim, then the one before it, and so on. ZEROS pads with 0 (pads may be any size); REFLECT needs pads
     * smaller than the dim, CIRCULAR at most the dim, REPLICATE a non-empty dim. Differentiable (a gather).
     *
     * @param x    the tensor to pad
     * @param pad  (before, after) pairs, last dim first, each {@code >= 0}; at most {@code x.dim()} pairs
     * @param mode how to fill the padding
     * @return x with each padded dim grown by before + after
     * @throws IllegalArgumentException if {@code pad} is not whole pairs, has a negative size, or does not fit the
     *     mode and the dim's size (naming the dim and the input's shape)
     */
    public static Tensor pad(Tensor x, int[] pad, PaddingMode mode) {
        if (pad.length % 2 != 0 || pad.length / 2 > x.dim())
            throw new IllegalArgumentException(
                    "pad: needs (before, after) pairs for at most " + x.dim() + " dims, got " + pad.length + " values");
        Tensor out = x;
        for (int p = 0; p < pad.length / 2; p++) {
            int dim = x.dim() - 1 - p, before = pad[2 * p], after = pad[2 * p + 1], size = x.size(dim);
            if (before < 0 || after < 0)
                throw new IllegalArgumentException("pad: pads must be >= 0, got " + Shapes.str(pad));
            if (before == 0 && after == 0) continue;
            if (mode == PaddingMode.ZEROS) {
                out = zeroPad(out, dim, before, after);
                continue;
            }
            boolean fits = switch (mode) {
                case REFLECT -> before < size && after < size;
                case CIRCULAR -> before <= size && after <= size;
                default -> size > 0;
            };
            if (!fits)
                throw new IllegalArgumentException(
                        "pad: " + mode.key() + " padding (" + before + ", " + after + ") of dim " + dim
                                + " does not fit its size " + size + " (input " + Shapes.str(x.shape()) + ")");
            int[] index = new int[before + size + after];
            for (int i = 0; i < index.length; i++) index[i] = mode.source(i - before, size);
            out = out.indexSelect(dim, IndexTensor.of(index, index.length));
        }
        return out;
    }

    // ---------------------------------------------------------------- the recorded ops

    /** conv2d on checked 4-D shapes: the kernel forward, recorded with both backward paths. */
    private static Tensor convolve(
            Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        ConvGeometry g = ConvGeometry.of(
                x.size(0),
                x.size(1),
                x.size(2),
                x.size(3),
                w.size(0),
                w.size(2),
                w.size(3),
                stride[0],
                stride[1],
                padding[0],
                padding[1],
                dilation[0],
                dilation[1],
                groups);
        float[] xv = x.values(), wv = w.values();
        // the kernels write every element of y and gx: arrays given back by earlier backward steps do (no zeroing)
        float[] y = BufferPool.take(g.batch() * g.outImage());
        Conv2dKernel.forward(g, xv, wv, b == null ? null : b.values(), y);
        Tensor out = new Tensor(y, g.batch(), g.outChannels(), g.outH(), g.outW());
        return Engine.recordSaving(
                out,
                "ConvolutionBackward0",
                gy -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] gv = gy.values();
                        if (x.requiresGrad()) {
                            float[] gx = BufferPool.take(xv.length);
                            Conv2dKernel.backwardInput(g, gv, wv, gx);
                            x.accumulateNewGrad(gx);
                        }
                        if (w.requiresGrad()) {
                            float[] gw = new float[wv.length];
                            Conv2dKernel.backwardWeight(g, xv, gv, gw);
                            w.accumulateNewGrad(gw);
                        }
                        accumulateBiasGrad(b, g.batch(), g.outChannels(), g.outPlane(), gv);
                        Engine.doneWith(gy);
                        return;
                    }
                    if (x.requiresGrad())
                        x.accumulateGrad(transposed(
                                gy, w, null, new int[] {g.height(), g.width()}, stride, padding, dilation, groups));
                    if (w.requiresGrad())
                        w.accumulateGrad(
                                weightGradient(x, gy, w.size(2), w.size(3), stride, padding, dilation, groups));
                    if (b != null && b.requiresGrad()) b.accumulateGrad(gy.sum(new int[] {0, 2, 3}, false));
                },
                new Tensor[] {x, w},
                x,
                w,
                b);
    }

    /**
     * Transposed convolution of checked 4-D x with weight [Cin, Cout/groups, kh, kw] to an output of spatial size
     * {@code out}: the input gradient of the convolution from that output size back to x's.
     */
    private static Tensor transposed(
            Tensor x, Tensor w, Tensor b, int[] out, int[] stride, int[] padding, int[] dilation, int groups) {
        int cout = w.size(1) * groups;
        ConvGeometry g = ConvGeometry.of(
                x.size(0),
                cout,
                out[0],
                out[1],
                x.size(1),
                w.size(2),
                w.size(3),
                stride[0],
                stride[1],
                padding[0],
                padding[1],
                dilation[0],
                dilation[1],
                groups);
        if (g.outH() != x.size(2) || g.outW() != x.size(3))
            throw new IllegalStateException("transposed convolution: output " + Shapes.str(out)
                    + " does not map back to input " + Shapes.str(x.shape()));
        float[] xv = x.values(), wv = w.values();
        float[] y = new float[g.batch() * g.inImage()];
        Conv2dKernel.backwardInput(g, xv, wv, y);
        int plane = out[0] * out[1];
        if (b != null) {
            float[] bv = b.values();
            for (int n = 0; n < g.batch(); n++)
                for (int c = 0; c < cout; c++)
                    dev.myelin.kernel.VectorOps.addScalar(
                            y, (n * cout + c) * plane, bv[c], y, (n * cout + c) * plane, plane);
        }
        Tensor result = new Tensor(y, g.batch(), cout, out[0], out[1]);
        return Engine.recordSaving(
                result,
                "ConvolutionBackward0",
                gy -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] gv = gy.values();
                        if (x.requiresGrad()) { // the input gradient of a transposed convolution is the convolution
                            float[] gx = new float[xv.length];
                            Conv2dKernel.forward(g, gv, wv, null, gx);
                            x.accumulateNewGrad(gx);
                        }
                        if (w.requiresGrad()) { // roles swapped: the output gradient is the convolution's input
                            float[] gw = new float[wv.length];
                            Conv2dKernel.backwardWeight(g, gv, xv, gw);
                            w.accumulateNewGrad(gw);
                        }
                        accumulateBiasGrad(b, g.batch(), cout, plane, gv);
                        return;
                    }
                    if (x.requiresGrad()) x.accumulateGrad(convolve(gy, w, null, stride, padding, dilation, groups));
                    if (w.requiresGrad())
                        w.accumulateGrad(
                                weightGradient(gy, x, w.size(2), w.size(3), stride, padding, dilation, groups));
                    if (b != null && b.requiresGrad()) b.accumulateGrad(gy.sum(new int[] {0, 2, 3}, false));
                },
                new Tensor[] {x, w},
                x,
                w,
                b);
    }

    /**
     * The weight gradient [O, C/groups, kh, kw] of the convolution of x [N, C, H, W] giving gy [N, O, oh, ow], as
     * recorded ops: per group, dW[o, c, i, j] = Σ_n,a,b gy[n, o, a, b]·x[n, c, a·s − p + i·d, b·s − p + j·d], a
     * convolution of xᵀ (channels as the batch) with gyᵀ as the weight, stride and dilation swapped.
     */
    private static Tensor weightGradient(
            Tensor x, Tensor gy, int kh, int kw, int[] stride, int[] padding, int[] dilation, int groups) {
        int cg = x.size(1) / groups, og = gy.size(1) / groups;
        List<Tensor> parts = new ArrayList<>();
        for (int gi = 0; gi < groups; gi++) {
            Tensor xg = x.narrow(1, gi * cg, cg).transpose(0, 1),
                    gyg = gy.narrow(1, gi * og, og).transpose(0, 1);
            Tensor r = convolve(xg, gyg, null, dilation, padding, stride, 1); // [cg, og, >= kh, >= kw]
            parts.add(r.narrow(2, 0, kh).narrow(3, 0, kw).transpose(0, 1));
        }
        return groups == 1 ? parts.get(0).contiguous() : Tensor.cat(parts, 0);
    }

    private static void accumulateBiasGrad(Tensor b, int batch, int channels, int plane, float[] gv) {
        if (b == null || !b.requiresGrad()) return;
        float[] gb = new float[channels];
        Conv2dKernel.backwardBias(batch, channels, plane, gv, gb);
        b.accumulateNewGrad(gb);
    }

    /** Zero padding of one dim by concatenation (differentiable: the gradient is the middle slice). */
    private static Tensor zeroPad(Tensor x, int dim, int before, int after) {
        List<Tensor> parts = new ArrayList<>();
        int[] s = x.shape().clone();
        if (before > 0) {
            s[dim] = before;
            parts.add(Tensor.zeros(s.clone()));
        }
        parts.add(x);
        if (after > 0) {
            s[dim] = after;
            parts.add(Tensor.zeros(s.clone()));
        }
        return Tensor.cat(parts, dim);
    }

    // ---------------------------------------------------------------- checks

    private static void checkPair(String op, String name, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min)
            throw new IllegalArgumentException(op + ": " + name + " must be two integers >= " + min + ", got "
                    + (v == null ? "null" : Shapes.str(v)));
    }

    /** Shapes of x [N, C, H, W], weight and bias; {@code transposed}: weight [Cin, Cout/groups, ...], else [O, C/groups, ...]. */
    static void checkConvShapes(String op, Tensor x, Tensor w, Tensor b, int groups, boolean transposed) {
        if (groups < 1) throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        if (w.dim() != 4)
            throw new ShapeMismatchException(op + ": weight must be 4-D "
                    + (transposed ? "[in, out/groups, kh, kw]" : "[out, in/groups, kh, kw]") + ", got "
                    + Shapes.str(w.shape()));
        if (x.dim() != 4)
            throw new ShapeMismatchException(
                    op + ": expected input [N, C, H, W] (or unbatched [C, H, W]), got " + Shapes.str(x.shape()));
        int inChannels = transposed ? w.size(0) : w.size(1) * groups;
        int outChannels = transposed ? w.size(1) * groups : w.size(0);
        if (x.size(1) != inChannels || w.size(0) % groups != 0)
            throw new ShapeMismatchException(op + ": input " + Shapes.str(x.shape()) + " has " + x.size(1)
                    + " channels, weight " + Shapes.str(w.shape()) + " with groups=" + groups + " expects " + inChannels
                    + " (and a first weight dim divisible by groups)");
        if (b != null && (b.dim() != 1 || b.size(0) != outChannels))
            throw new ShapeMismatchException(
                    op + ": bias shape " + Shapes.str(b.shape()) + " must be [" + outChannels + "]");
    }

    /** PyTorch's check that the kernel's extent fits the zero-padded input. */
    static void checkKernelFits(String op, Tensor x, Tensor w, int[] padding, int[] dilation) {
        for (int d = 0; d < 2; d++) {
            long padded = x.size(2 + d) + 2L * padding[d], extent = (long) dilation[d] * (w.size(2 + d) - 1) + 1;
            if (extent > padded)
                throw new ShapeMismatchException(op + ": padded input size " + (x.size(2) + 2L * padding[0]) + "x"
                        + (x.size(3) + 2L * padding[1]) + " (input " + Shapes.str(x.shape())
                        + ") is smaller than the dilated kernel "
                        + ((long) dilation[0] * (w.size(2) - 1) + 1) + "x"
                        + ((long) dilation[1] * (w.size(3) - 1) + 1));
        }
    }

    private static void checkConv1dShapes(Tensor x, Tensor w) {
        if (x.dim() != 3)
            throw new ShapeMismatchException(
                    "conv1d: expected input [N, C, L] (or unbatched [C, L]), got " + Shapes.str(x.shape()));
        if (w.dim() != 3)
            throw new ShapeMismatchException(
                    "conv1d: weight must be 3-D [out, in/groups, k], got " + Shapes.str(w.shape()));
    }
}
