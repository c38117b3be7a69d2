package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.ModuleType;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Transposed 2-D convolution (the input gradient of a {@link Conv2d}, "deconvolution") as {@code nn.ConvTranspose2d}:
 * weight [in, out/groups, kh, kw], bias [out]; output size {@code (in−1)*stride − 2*padding + dilation*(k−1) +
 * outputPadding + 1}. Zero padding only, as PyTorch.
 */
public class ConvTranspose2d extends ConvNd {
    private static final Arg<ConvNd, int[]> KERNEL = sizesArg("kernelSize", 2, null, 1, ConvNd::kernelSize);
    private static final Arg<ConvNd, int[]> STRIDE = sizesArg("stride", 2, 1, 1, ConvNd::stride);
    private static final Arg<ConvNd, int[]> PADDING =
            sizesArg("padding", 2, 0, 0, c -> c.padding().sizes());
    private static final Arg<ConvNd, int[]> OUTPUT_PADDING =
            sizesArg("outputPadding", 2, 0, 0, ConvNd::outputPaddingSizes);
    private static final Arg<ConvNd, int[]> DILATION = sizesArg("dilation", 2, 1, 1, ConvNd::dilation);
    private static final Arg<ConvNd, Integer> IN = inArg(), OUT = outArg(), GROUPS = groupsArg();
    private static final Arg<ConvNd, Boolean> BIAS = biasArg();
    /** {@code {"type":"ConvTranspose2d","inChannels":16,"outChannels":8,"kernelSize":3,"stride":2,"padding":1,"outputPadding":1}}. */
    public static final ModuleType<ConvTranspose2d> TYPE = ModuleType.of(
            ConvTranspose2d.class,
            List.<Arg<? super ConvTranspose2d, ?>>of(
                    IN, OUT, KERNEL, STRIDE, PADDING, OUTPUT_PADDING, GROUPS, BIAS, DILATION),
            (a, gen) -> new ConvTranspose2d(
                    a.get(IN),
                    a.get(OUT),
                    a.get(KERNEL),
                    a.get(STRIDE),
                    a.get(PADDING),
                    a.get(OUTPUT_PADDING),
                    a.get(GROUPS),
                    a.get(BIAS),
                    a.get(DILATION),
                    gen),
            a -> stateShapes(a.get(IN), a.get(OUT), a.get(KERNEL), a.get(GROUPS), a.get(BIAS), true));

    /**
     * All settings, in PyTorch's order; sizes are {height, width}. PyTorch's defaults are stride {1, 1}, padding
     * {0, 0}, outputPadding {0, 0}, groups 1, bias true, dilation {1, 1}.
     *
     * @param inChannels    C_in, the input's channels
     * @param outChannels   C_out, the channels produced
     * @param kernelSize    {kh, kw}, each {@code >= 1}
     * @param stride        {sh, sw}, each {@code >= 1}
     * @param padding       {ph, pw}, each {@code >= 0}: trims {@code dilation·(k − 1) − padding} from each side of
     *     the full output
     * @param outputPadding extra size {oh, ow} added to one side of the output, each smaller than the stride or the
     *     dilation (it resolves which input size a strided Conv2d came from)
     * @param groups        channel groups, dividing both channel counts
     * @param bias          whether to learn a bias [out]
     * @param dilation      spacing of the kernel's elements {dh, dw}, each {@code >= 1}
     * @param gen           the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if a size is out of range, or a size array, padding
     *     or gen is null
     */
    public ConvTranspose2d(
            int inChannels,
            int outChannels,
            int[] kernelSize,
            int[] stride,
            int[] padding,
            int[] outputPadding,
            int groups,
            boolean bias,
            int[] dilation,
            Generator gen) {
        super(
                inChannels,
                outChannels,
                kernelSize,
                stride,
                ConvPadding.of(padding),
                dilation,
                outputPadding,
                groups,
                bias,
                PaddingMode.ZEROS,
                true,
                gen);
    }

    /**
     * A square kernel with stride, padding and output padding; dilation 1, one group, a bias, as
     * {@code nn.ConvTranspose2d(in, out, k, stride, padding, output_padding)}.
     *
     * @param inChannels    C_in, the input's channels
     * @param outChannels   C_out, the channels produced
     * @param kernelSize    the kernel's height and width, {@code >= 1}
     * @param stride        the stride in both dims, {@code >= 1}
     * @param padding       the padding in both dims, {@code >= 0}
     * @param outputPadding extra size added to one side of the output in both dims, smaller than the stride
     * @param gen           the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public ConvTranspose2d(
            int inChannels,
            int outChannels,
            int kernelSize,
            int stride,
            int padding,
            int outputPadding,
            Generator gen) {
        this(
                inChannels,
                outChannels,
                repeat(kernelSize, 2),
                repeat(stride, 2),
                repeat(padding, 2),
                repeat(outputPadding, 2),
                1,
                true,
                repeat(1, 2),
                gen);
    }

    /**
     * A square kernel with PyTorch's defaults: stride 1, no padding or output padding, dilation 1, one group, a
     * bias.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's height and width, {@code >= 1}
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Generator gen) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0, gen);
    }

    /** {@return the extra size added to one side of the output, {oh, ow} (a copy)} */
    public int[] outputPadding() {
        return outputPaddingSizes();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = checkAndPad(input);
        return ConvF.convTranspose2d(
                x, weight(), bias(), stride(), padding().sizes(), outputPadding(), groups(), dilation());
    }
}
