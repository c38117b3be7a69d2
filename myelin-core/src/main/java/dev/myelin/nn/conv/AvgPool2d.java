package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * 2-D average pooling over [N, C, H, W] (or [C, H, W]), as {@code nn.AvgPool2d(kernel_size, stride=None, padding=0,
 * ceil_mode=False, count_include_pad=True, divisor_override=None)}; the stride defaults to the kernel size.
 */
public class AvgPool2d extends Module {
    private static final Arg<AvgPool2d, int[]> KERNEL = PoolArgs.pair("kernelSize", 1, AvgPool2d::kernelSize);
    private static final Arg<AvgPool2d, int[]> STRIDE = PoolArgs.optionalPair("stride", 1, AvgPool2d::stride);
    private static final Arg<AvgPool2d, int[]> PADDING = PoolArgs.pair("padding", 0, 0, AvgPool2d::padding);
    private static final Arg<AvgPool2d, Boolean> CEIL_MODE = Arg.bool("ceilMode", false, AvgPool2d::ceilMode);
    private static final Arg<AvgPool2d, Boolean> COUNT_INCLUDE_PAD =
            Arg.bool("countIncludePad", true, AvgPool2d::countIncludePad);
    private static final Arg<AvgPool2d, Integer> DIVISOR_OVERRIDE =
            Arg.optionalInt("divisorOverride", AvgPool2d::divisorOverride);
    /** The architecture-JSON type: {@code {"type":"AvgPool2d","kernelSize":2}} (stride defaults to the kernel). */
    public static final ModuleType<AvgPool2d> TYPE = ModuleType.of(
            AvgPool2d.class,
            List.of(KERNEL, STRIDE, PADDING, CEIL_MODE, COUNT_INCLUDE_PAD, DIVISOR_OVERRIDE),
            (a, gen) -> new AvgPool2d(
                    a.get(KERNEL),
                    a.get(STRIDE),
                    a.get(PADDING),
                    a.get(CEIL_MODE),
                    a.get(COUNT_INCLUDE_PAD),
                    a.get(DIVISOR_OVERRIDE)),
            a -> new StateShapes());

    private final int[] kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final Integer divisorOverride;

    /**
     * All settings, as PyTorch's constructor; sizes are {height, width}.
     *
     * @param kernelSize      the window {kh, kw}, each {@code >= 1}
     * @param stride          {sh, sw}, each {@code >= 1}, or null for the kernel size (PyTorch's default)
     * @param padding         implicit zero padding {ph, pw}, each at most half the kernel (default 0)
     * @param ceilMode        whether to round the output size up instead of down (default false)
     * @param countIncludePad whether the zero padding a window covers counts in its divisor (default true)
     * @param divisorOverride null to divide by the window size, else a positive divisor for every window
     * @throws IllegalArgumentException naming the argument, if one is out of range
     */
    public AvgPool2d(
            int[] kernelSize,
            int[] stride,
            int[] padding,
            boolean ceilMode,
            boolean countIncludePad,
            Integer divisorOverride) {
        this.kernelSize = PoolArgs.checked("AvgPool2d", "kernelSize", kernelSize, 1);
        this.stride = stride == null ? this.kernelSize.clone() : PoolArgs.checked("AvgPool2d", "stride", stride, 1);
        this.padding = PoolArgs.checked("AvgPool2d", "padding", padding, 0);
        for (int i = 0; i < 2; i++)
            if (this.padding[i] > this.kernelSize[i] / 2)
                throw new IllegalArgumentException(
                        "AvgPool2d: padding should be at most half of the kernel size, got padding "
                                + PoolArgs.repr(this.padding) + " for kernelSize " + PoolArgs.repr(this.kernelSize));
        if (divisorOverride != null && divisorOverride <= 0)
            throw new IllegalArgumentException(
                    "AvgPool2d: divisorOverride must be positive (or null), got " + divisorOverride);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    /**
     * A square window with stride = kernel size: {@code nn.AvgPool2d(k)}.
     *
     * @param kernelSize the window's height and width, {@code >= 1}
     * @throws IllegalArgumentException if {@code kernelSize < 1}
     */
    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize, kernelSize}, null, new int[] {0, 0}, false, true, null);
    }

    /** {@return the window {kh, kw} (a copy)} */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** {@return the stride {sh, sw} (a copy)} */
    public int[] stride() {
        return stride.clone();
    }

    /** {@return the implicit zero padding {ph, pw} (a copy)} */
    public int[] padding() {
        return padding.clone();
    }

    /** {@return whether output sizes are rounded up} */
    public boolean ceilMode() {
        return ceilMode;
    }

    /** {@return whether the zero padding a window covers counts in its divisor} */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    /** {@return the divisor used for every window, or null for the window size} */
    public Integer divisorOverride() {
        return divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolF.avgPool(
                "AvgPool2d", input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolArgs.repr(kernelSize) + ", stride=" + PoolArgs.repr(stride) + ", padding="
                + PoolArgs.repr(padding); // PyTorch prints only these three
    }
}
