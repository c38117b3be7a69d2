package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.ModuleType;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution over [N, C, H, W] (or unbatched [C, H, W]) as {@code nn.Conv2d}: weight [out, in/groups, kh, kw],
 * bias [out]; stride, padding (sizes, "same" or "valid"), dilation, groups (depthwise: groups = in), padding modes
 * zeros/reflect/replicate/circular. {@code new Conv2d(1, 32, 3, 1, 1, gen)} or
 * {@code Conv2d.builder(32, 64, 3).padding(1).groups(2).build(gen)}.
 */
public class Conv2d extends ConvNd {
    private static final Arg<ConvNd, int[]> KERNEL = sizesArg("kernelSize", 2, null, 1, ConvNd::kernelSize);
    private static final Arg<ConvNd, int[]> STRIDE = sizesArg("stride", 2, 1, 1, ConvNd::stride);
    private static final Arg<ConvNd, ConvPadding> PADDING = paddingArg(2);
    private static final Arg<ConvNd, int[]> DILATION = sizesArg("dilation", 2, 1, 1, ConvNd::dilation);
    private static final Arg<ConvNd, Integer> IN = inArg(), OUT = outArg(), GROUPS = groupsArg();
    private static final Arg<ConvNd, Boolean> BIAS = biasArg();
    private static final Arg<ConvNd, PaddingMode> MODE = paddingModeArg();
    /** {@code {"type":"Conv2d","inChannels":1,"outChannels":32,"kernelSize":3,"padding":1}}. */
    public static final ModuleType<Conv2d> TYPE = ModuleType.of(
            Conv2d.class,
            List.<Arg<? super Conv2d, ?>>of(IN, OUT, KERNEL, STRIDE, PADDING, DILATION, GROUPS, BIAS, MODE),
            (a, gen) -> new Conv2d(
                    a.get(IN),
                    a.get(OUT),
                    a.get(KERNEL),
                    a.get(STRIDE),
                    a.get(PADDING),
                    a.get(DILATION),
                    a.get(GROUPS),
                    a.get(BIAS),
                    a.get(MODE),
                    gen),
            a -> stateShapes(a.get(IN), a.get(OUT), a.get(KERNEL), a.get(GROUPS), a.get(BIAS), false));

    /**
     * All settings, as PyTorch's constructor; sizes are {height, width}. PyTorch's defaults are stride {1, 1},
     * padding {0, 0}, dilation {1, 1}, groups 1, bias true, padding mode zeros.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  {kh, kw}, each {@code >= 1}
     * @param stride      {sh, sw}, each {@code >= 1}
     * @param padding     sizes {ph, pw} added on both sides, {@link ConvPadding#SAME} (stride 1 only) or
     *     {@link ConvPadding#VALID}
     * @param dilation    spacing of the kernel's elements {dh, dw}, each {@code >= 1}
     * @param groups      channel groups, dividing both channel counts ({@code inChannels} for depthwise)
     * @param bias        whether to learn a bias [out]
     * @param paddingMode how the input is padded
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if a size is out of range, or a size array, padding,
     *     paddingMode or gen is null
     */
    public Conv2d(
            int inChannels,
            int outChannels,
            int[] kernelSize,
            int[] stride,
            ConvPadding padding,
            int[] dilation,
            int groups,
            boolean bias,
            PaddingMode paddingMode,
            Generator gen) {
        super(
                inChannels,
                outChannels,
                kernelSize,
                stride,
                padding,
                dilation,
                new int[2],
                groups,
                bias,
                paddingMode,
                false,
                gen);
    }

    /**
     * A square kernel with stride and zero padding on each side; dilation 1, one group, a bias, as
     * {@code nn.Conv2d(in, out, k, stride, padding)}.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's height and width, {@code >= 1}
     * @param stride      the stride in both dims, {@code >= 1}
     * @param padding     zeros added on each side in both dims, {@code >= 0}
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Generator gen) {
        this(
                inChannels,
                outChannels,
                repeat(kernelSize, 2),
                repeat(stride, 2),
                ConvPadding.of(padding, padding),
                repeat(1, 2),
                1,
                true,
                PaddingMode.ZEROS,
                gen);
    }

    /**
     * A square kernel with PyTorch's defaults: stride 1, no padding, dilation 1, one group, a bias.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's height and width, {@code >= 1}
     * @param gen         the generator for PyTorch's initialization (same seed, same weights)
     * @throws IllegalArgumentException naming the setting, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator gen) {
        this(inChannels, outChannels, kernelSize, 1, 0, gen);
    }

    /**
     * A builder starting from PyTorch's defaults (stride 1, padding 0, dilation 1, groups 1, bias, zeros); the
     * settings are checked by {@link Builder#build}.
     *
     * @param inChannels  C_in, the input's channels
     * @param outChannels C_out, the channels produced
     * @param kernelSize  the kernel's height and width (change with {@link Builder#kernelSize(int, int)})
     * @return the builder
     */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = checkAndPad(input);
        ConvPadding p = convPadding();
        Tensor w = weight();
        return p.sizes() != null
                ? ConvF.conv2d(x, w, bias(), stride(), p.sizes(), dilation(), groups())
                : ConvF.conv2d(x, w, bias(), stride(), p.name(), dilation(), groups());
    }

    /** Optional settings of a {@link Conv2d}, PyTorch's defaults until set. */
    public static final class Builder {
        private final int in, out;
        private int[] kernel, stride = {1, 1}, dilation = {1, 1};
        private ConvPadding padding = ConvPadding.of(0, 0);
        private int groups = 1;
        private boolean bias = true;
        private PaddingMode mode = PaddingMode.ZEROS;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = repeat(kernel, 2);
        }

        /**
         * Sets a rectangular kernel.
         *
         * @param kh the kernel's height
         * @param kw the kernel's width
         * @return this builder
         */
        public Builder kernelSize(int kh, int kw) {
            kernel = new int[] {kh, kw};
            return this;
        }

        /**
         * Sets the same stride in both dims (default 1).
         *
         * @param s the stride
         * @return this builder
         */
        public Builder stride(int s) {
            return stride(s, s);
        }

        /**
         * Sets the stride per dim (default 1).
         *
         * @param sh the vertical stride
         * @param sw the horizontal stride
         * @return this builder
         */
        public Builder stride(int sh, int sw) {
            stride = new int[] {sh, sw};
            return this;
        }

        /**
         * Sets the same padding on every side (default 0).
         *
         * @param p the padding added before and after in both dims
         * @return this builder
         */
        public Builder padding(int p) {
            return padding(p, p);
        }

        /**
         * Sets the padding per dim (default 0).
         *
         * @param ph the padding added above and below
         * @param pw the padding added left and right
         * @return this builder
         */
        public Builder padding(int ph, int pw) {
            padding = ConvPadding.of(ph, pw);
            return this;
        }
        /**
         * Sets named padding: "same" (output as large as the input, stride 1 only) or "valid" (none).
         *
         * @param name "same" or "valid"
         * @return this builder
         * @throws IllegalArgumentException if the name is neither
         */
        public Builder padding(String name) {
            padding = ConvPadding.of(name);
            return this;
        }

        /**
         * Sets the same dilation in both dims (default 1).
         *
         * @param d the spacing of the kernel's elements
         * @return this builder
         */
        public Builder dilation(int d) {
            return dilation(d, d);
        }

        /**
         * Sets the dilation per dim (default 1).
         *
         * @param dh the vertical spacing of the kernel's elements
         * @param dw the horizontal spacing of the kernel's elements
         * @return this builder
         */
        public Builder dilation(int dh, int dw) {
            dilation = new int[] {dh, dw};
            return this;
        }

        /**
         * Sets the number of channel groups (default 1; the input channel count for a depthwise convolution).
         *
         * @param g the groups, dividing both channel counts
         * @return this builder
         */
        public Builder groups(int g) {
            groups = g;
            return this;
        }

        /**
         * Sets whether the layer learns a bias (default true).
         *
         * @param b whether to add a bias
         * @return this builder
         */
        public Builder bias(boolean b) {
            bias = b;
            return this;
        }

        /**
         * Sets how the input is padded (default {@link PaddingMode#ZEROS}).
         *
         * @param m the padding mode
         * @return this builder
         */
        public Builder paddingMode(PaddingMode m) {
            mode = m;
            return this;
        }

        /**
         * Builds the layer, checking every setting.
         *
         * @param gen the generator for PyTorch's initialization (same seed, same weights)
         * @return the layer
         * @throws IllegalArgumentException naming the setting, if one is out of range
         */
        public Conv2d build(Generator gen) {
            return new Conv2d(in, out, kernel, stride, padding, dilation, groups, bias, mode, gen);
        }
    }
}
