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
     * @param stride null for the kernel size (PyTorch's default)
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

    /** A square window with stride = kernel size: {@code nn.MaxPool2d(k)}. */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize, kernelSize}, null, new int[] {0, 0}, new int[] {1, 1}, false, false);
    }

    /** A square window, stride and padding: {@code nn.MaxPool2d(k, s, p)}. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(
                new int[] {kernelSize, kernelSize},
                new int[] {stride, stride},
                new int[] {padding, padding},
                new int[] {1, 1},
                false,
                false);
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] stride() {
        return stride.clone();
    }

    public int[] padding() {
        return padding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public boolean returnIndices() {
        return returnIndices;
    }

    @Override
    public boolean poolsOnly() {
        return !returnIndices;
    }

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

    /** The pooled values and the positions of their maxima. */
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
