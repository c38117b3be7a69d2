package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.MaxPooling;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * 2-D max pooling over [N, C, H, W] (or [C, H, W]), as {@code nn.MaxPool2d(kernel_size, stride=None, padding=0,
 * dilation=1, return_indices=False, ceil_mode=False)}; the stride defaults to the kernel size. With
 * {@code returnIndices} the module has two outputs, {@code output} and {@code indices} (each maximum's position
 * h·W + w in its plane): read them with {@link #forwardWithIndices} or {@code call(x)}.
 */
public class MaxPool2d extends Module implements MaxPooling {
    private static final Arg<MaxPool2d, int[]> KERNEL = PoolArgs.pair("kernelSize", 1, MaxPool2d::kernelSize);
    private static final Arg<MaxPool2d, int[]> STRIDE = PoolArgs.optionalPair("stride", 1, MaxPool2d::stride);
    private static final Arg<MaxPool2d, int[]> PADDING = PoolArgs.pair("padding", 0, 0, MaxPool2d::padding);
    private static final Arg<MaxPool2d, int[]> DILATION = PoolArgs.pair("dilation", 1, 1, MaxPool2d::dilation);
    private static final Arg<MaxPool2d, Boolean> RETURN_INDICES =
            Arg.bool("returnIndices", false, MaxPool2d::returnIndices);
    private static final Arg<MaxPool2d, Boolean> CEIL_MODE = Arg.bool("ceilMode", false, MaxPool2d::ceilMode);
    /** The architecture-JSON type: {@code {"type":"MaxPool2d","kernelSize":2}} (stride defaults to the kernel). */
    public static final ModuleType<MaxPool2d> TYPE = ModuleType.of(
            MaxPool2d.class,
            List.of(KERNEL, STRIDE, PADDING, DILATION, RETURN_INDICES, CEIL_MODE),
            (a, gen) -> new MaxPool2d(
                    a.get(KERNEL),
                    a.get(STRIDE),
                    a.get(PADDING),
                    a.get(DILATION),
                    a.get(RETURN_INDICES),
                    a.get(CEIL_MODE)),
            a -> new StateShapes());

    private final int[] kernelSize, stride, padding, dilation;
    private final boolean returnIndices, ceilMode;

    /**
     * All settings, as PyTorch's constructor; sizes are {height, width}.
     *
     * @param kernelSize    the window {kh, kw}, each {@code >= 1}
     * @param stride        {sh, sw}, each {@code >= 1}, or null for the kernel size (PyTorch's default)
     * @param padding       implicit −∞ padding {ph, pw}, each at most half the kernel (default 0)
     * @param dilation      spacing of the window's elements {dh, dw}, each {@code >= 1} (default 1)
     * @param returnIndices whether the module has a second output, the positions of the maxima (default false)
     * @param ceilMode      whether to round the output size up instead of down (default false)
     * @throws IllegalArgumentException naming the argument, if a pair is null or not two sizes in range, or the
     *     padding exceeds half the kernel
     */
    public MaxPool2d(
            int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean returnIndices, boolean ceilMode) {
        this.kernelSize = PoolArgs.checked("MaxPool2d", "kernelSize", kernelSize, 1);
        this.stride = stride == null ? this.kernelSize.clone() : PoolArgs.checked("MaxPool2d", "stride", stride, 1);
        this.padding = PoolArgs.checked("MaxPool2d", "padding", padding, 0);
        this.dilation = PoolArgs.checked("MaxPool2d", "dilation", dilation, 1);
        for (int i = 0; i < 2; i++)
            if (this.padding[i] > this.kernelSize[i] / 2)
                throw new IllegalArgumentException(
                        "MaxPool2d: padding should be at most half of the kernel size, got padding "
                                + PoolArgs.repr(this.padding) + " for kernelSize " + PoolArgs.repr(this.kernelSize));
        this.returnIndices = returnIndices;
        this.ceilMode = ceilMode;
    }

    /**
     * A square window with stride = kernel size: {@code nn.MaxPool2d(k)}.
     *
     * @param kernelSize the window's height and width, {@code >= 1}
     * @throws IllegalArgumentException if {@code kernelSize < 1}
     */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize, kernelSize}, null, new int[] {0, 0}, new int[] {1, 1}, false, false);
    }

    /**
     * A square window, stride and padding: {@code nn.MaxPool2d(k, s, p)}.
     *
     * @param kernelSize the window's height and width, {@code >= 1}
     * @param stride     the stride in both dims, {@code >= 1}
     * @param padding    implicit −∞ padding in both dims, at most half the kernel
     * @throws IllegalArgumentException naming the argument, if one is out of range
     */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(
                new int[] {kernelSize, kernelSize},
                new int[] {stride, stride},
                new int[] {padding, padding},
                new int[] {1, 1},
                false,
                false);
    }

    /** {@return the window {kh, kw} (a copy)} */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** {@return the stride {sh, sw} (a copy)} */
    public int[] stride() {
        return stride.clone();
    }

    /** {@return the implicit padding {ph, pw} (a copy)} */
    public int[] padding() {
        return padding.clone();
    }

    /** {@return the window's dilation {dh, dw} (a copy)} */
    public int[] dilation() {
        return dilation.clone();
    }

    /** {@return whether the module also outputs the positions of the maxima} */
    public boolean returnIndices() {
        return returnIndices;
    }

    @Override
    public boolean poolsOnly() {
        return !returnIndices;
    }

    /** {@return whether output sizes are rounded up} */
    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (returnIndices)
            throw new IllegalStateException(
                    "MaxPool2d(returnIndices=true) has two outputs (output, indices): use forwardWithIndices(x) or call(x)");
        return PoolF.maxPool("MaxPool2d", input, kernelSize, stride, padding, dilation, ceilMode, false)
                .output();
    }

    /**
     * Pools and keeps the positions of the maxima, whatever {@link #returnIndices()} says.
     *
     * @param input [N, C, H, W] or unbatched [C, H, W]
     * @return the pooled values and, for each, the flat position h·W + w of its maximum in its input plane
     * @throws dev.myelin.tensor.ShapeMismatchException naming the layer, if the input is not an image or is too
     *     small for the window
     */
    public MaxPoolOutput forwardWithIndices(Tensor input) {
        return PoolF.maxPool("MaxPool2d", input, kernelSize, stride, padding, dilation, ceilMode, true);
    }

    /** One output, or with returnIndices {@code output} and {@code indices} (whole numbers as floats). */
    @Override
    public Outputs call(Tensor... inputs) {
        if (inputs.length != 1)
            throw new IllegalArgumentException("MaxPool2d takes one input [N, C, H, W], got " + inputs.length);
        if (!returnIndices) return Outputs.of(forward(inputs[0]));
        MaxPoolOutput r = forwardWithIndices(inputs[0]);
        return Outputs.named(
                List.of("output", "indices"), List.of(r.output(), r.indices().toTensor()));
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolArgs.repr(kernelSize) + ", stride=" + PoolArgs.repr(stride) + ", padding="
                + PoolArgs.repr(padding) + ", dilation=" + PoolArgs.repr(dilation) + ", ceil_mode="
                + Repr.pyBool(ceilMode);
    }
}
