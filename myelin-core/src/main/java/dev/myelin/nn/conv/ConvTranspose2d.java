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

    /** All settings, in PyTorch's order; sizes are {height, width}. */
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

    /** A square kernel with stride, padding and output padding; dilation 1, one group, a bias. */
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

    /** A square kernel with PyTorch's defaults: stride 1, no padding, dilation 1, one group, a bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Generator gen) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0, gen);
    }

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
