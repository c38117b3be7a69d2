package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.ModuleType;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * 1-D convolution over [N, C, L] (or unbatched [C, L]) as {@code nn.Conv1d}: weight [out, in/groups, k], bias
 * [out]; the same options as {@link Conv2d}, on one spatial dim (run as a conv2d of height 1).
 */
public class Conv1d extends ConvNd {
    private static final Arg<ConvNd, int[]> KERNEL = sizesArg("kernelSize", 1, null, 1, ConvNd::kernelSize);
    private static final Arg<ConvNd, int[]> STRIDE = sizesArg("stride", 1, 1, 1, ConvNd::stride);
    private static final Arg<ConvNd, ConvPadding> PADDING = paddingArg(1);
    private static final Arg<ConvNd, int[]> DILATION = sizesArg("dilation", 1, 1, 1, ConvNd::dilation);
    private static final Arg<ConvNd, Integer> IN = inArg(), OUT = outArg(), GROUPS = groupsArg();
    private static final Arg<ConvNd, Boolean> BIAS = biasArg();
    private static final Arg<ConvNd, PaddingMode> MODE = paddingModeArg();
    /** {@code {"type":"Conv1d","inChannels":4,"outChannels":8,"kernelSize":5,"padding":"same"}}. */
    public static final ModuleType<Conv1d> TYPE = ModuleType.of(
            Conv1d.class,
            List.<Arg<? super Conv1d, ?>>of(IN, OUT, KERNEL, STRIDE, PADDING, DILATION, GROUPS, BIAS, MODE),
            (a, gen) -> new Conv1d(
                    a.get(IN),
                    a.get(OUT),
                    a.get(KERNEL)[0],
                    a.get(STRIDE)[0],
                    a.get(PADDING),
                    a.get(DILATION)[0],
                    a.get(GROUPS),
                    a.get(BIAS),
                    a.get(MODE),
                    gen),
            a -> stateShapes(a.get(IN), a.get(OUT), a.get(KERNEL), a.get(GROUPS), a.get(BIAS), false));

    /**
     * All settings, as PyTorch's constructor. PyTorch's defaults are stride 1, padding 0, dilation 1, groups 1,
     * bias true, padding mode zeros.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's length, {@code >= 1}
     * @param stride      {@code >= 1}
     * @param padding     a size (one value) added on both ends, {@link ConvPadding#SAME} (stride 1 only) or
     *     {@link ConvPadding#VALID}
     * @param dilation    spacing of the kernel's elements, {@code >= 1}
     * @param groups      channel groups, dividing both channel counts
     * @param bias        whether to learn a bias [out]
     * @param paddingMode how the input is padded
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if a size is out of range, or padding, paddingMode
     *     or gen is null
     */
    public Conv1d(
            int inChannels,
            int outChannels,
            int kernelSize,
            int stride,
            ConvPadding padding,
            int dilation,
            int groups,
            boolean bias,
            PaddingMode paddingMode,
            Generator gen) {
        super(
                inChannels,
                outChannels,
                new int[] {kernelSize},
                new int[] {stride},
                padding,
                new int[] {dilation},
                new int[1],
                groups,
                bias,
                paddingMode,
                false,
                gen);
    }

    /**
     * Stride and zero padding on both ends; dilation 1, one group, a bias, as
     * {@code nn.Conv1d(in, out, k, stride, padding)}.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's length, {@code >= 1}
     * @param stride      {@code >= 1}
     * @param padding     zeros added at each end, {@code >= 0}
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Generator gen) {
        this(inChannels, outChannels, kernelSize, stride, ConvPadding.of(padding), 1, 1, true, PaddingMode.ZEROS, gen);
    }

    /**
     * PyTorch's defaults: stride 1, no padding, dilation 1, one group, a bias.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's length, {@code >= 1}
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Generator gen) {
        this(inChannels, outChannels, kernelSize, 1, 0, gen);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = checkAndPad(input);
        ConvPadding p = convPadding();
        int s = stride()[0], d = dilation()[0];
        return p.sizes() != null
                ? ConvF.conv1d(x, weight(), bias(), s, p.sizes()[0], d, groups())
                : ConvF.conv1d(x, weight(), bias(), s, p.name(), d, groups());
    }
}
