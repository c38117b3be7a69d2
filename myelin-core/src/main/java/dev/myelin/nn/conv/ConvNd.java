package dev.myelin.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d} share, as PyTorch's {@code _ConvNd}: the settings
 * (checked when the layer is built), the weight ([out, in/groups, k...], or [in, out/groups, k...] when transposed)
 * and bias with PyTorch's initialization (kaiming_uniform(a=√5) of the weight, bias U(−1/√fan_in, 1/√fan_in)), the
 * input check naming the layer, the input padding of the non-zero padding modes, and the repr.
 */
public abstract class ConvNd extends Module {
    private final int inChannels, outChannels, groups;
    private final int[] kernelSize, stride, dilation, outputPadding;
    private final ConvPadding padding;
    private final PaddingMode paddingMode;
    private final boolean transposed;

    ConvNd(
            int inChannels,
            int outChannels,
            int[] kernelSize,
            int[] stride,
            ConvPadding padding,
            int[] dilation,
            int[] outputPadding,
            int groups,
            boolean bias,
            PaddingMode paddingMode,
            boolean transposed,
            Generator gen) {
        String layer = getClass().getSimpleName();
        int dims = kernelSize.length;
        if (inChannels <= 0 || outChannels <= 0)
            throw new IllegalArgumentException(
                    layer + ": inChannels and outChannels must be positive, got " + inChannels + " and " + outChannels);
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new IllegalArgumentException(layer + ": groups=" + groups + " must be positive and divide inChannels="
                    + inChannels + " and outChannels=" + outChannels);
        checkSizes(layer, "kernelSize", kernelSize, dims, 1);
        checkSizes(layer, "stride", stride, dims, 1);
        checkSizes(layer, "dilation", dilation, dims, 1);
        checkSizes(layer, "outputPadding", outputPadding, dims, 0);
        if (padding == null) throw new IllegalArgumentException(layer + ": padding must not be null");
        if (padding.sizes() != null) checkSizes(layer, "padding", padding.sizes(), dims, 0);
        if (paddingMode == null) throw new IllegalArgumentException(layer + ": paddingMode must not be null");
        if (gen == null)
            throw new IllegalArgumentException(layer + ": generator is null; pass the run's seeded Generator");
        if (padding.same() && Arrays.stream(stride).anyMatch(s -> s != 1))
            throw new IllegalArgumentException(
                    layer + ": padding=\"same\" is not supported for strided convolutions, stride " + tuple(stride));
        if (transposed && padding.sizes() == null)
            throw new IllegalArgumentException(layer + ": padding must be sizes, got \"" + padding.name() + "\"");
        if (transposed && paddingMode != PaddingMode.ZEROS)
            throw new IllegalArgumentException(
                    layer + ": only paddingMode zeros is supported, got " + paddingMode.key());
        for (int d = 0; d < dims; d++)
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d])
                throw new IllegalArgumentException(
                        layer + ": outputPadding " + tuple(outputPadding) + " must be smaller than either the stride "
                                + tuple(stride) + " or the dilation " + tuple(dilation));
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.dilation = dilation.clone();
        this.outputPadding = outputPadding.clone();
        this.padding = padding;
        this.paddingMode = paddingMode;
        this.transposed = transposed;
        Parameter w = registerParameter(
                "weight",
                new Parameter(Tensor.zeros(weightShape(inChannels, outChannels, kernelSize, groups, transposed))));
        Init.kaimingUniform(w, Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", gen);
        if (bias) {
            double bound = 1 / Math.sqrt(Init.fans(w)[0]);
            Init.uniform(registerParameter("bias", new Parameter(Tensor.zeros(outChannels))), -bound, bound, gen);
        }
    }

    /** [out, in/groups, k...], or [in, out/groups, k...] for a transposed convolution. */
    static int[] weightShape(int in, int out, int[] kernel, int groups, boolean transposed) {
        int[] s = new int[2 + kernel.length];
        s[0] = transposed ? in : out;
        s[1] = transposed ? out / groups : in / groups;
        System.arraycopy(kernel, 0, s, 2, kernel.length);
        return s;
    }

    static StateShapes stateShapes(int in, int out, int[] kernel, int groups, boolean bias, boolean transposed) {
        return new StateShapes()
                .add("weight", weightShape(in, out, kernel, groups, transposed))
                .addIf(bias, "bias", out);
    }

    /**
     * Checks x is [N, C, spatial...] or unbatched [C, spatial...] with this layer's channels and returns it with
     * the non-zero padding modes' padding applied (ZEROS padding is left to the convolution).
     *
     * @param x the layer's input
     * @return {@code x}, or {@code x} padded by the layer's padding mode
     * @throws ShapeMismatchException naming the layer and both shapes, if x has the wrong rank or channel count, or
     *     a spatial size (padded) is smaller than the dilated kernel
     * @throws IllegalArgumentException if the padding mode's padding does not fit the input size (reflect needs
     *     padding smaller than the size, circular at most the size)
     */
    protected Tensor checkAndPad(Tensor x) {
        int dims = kernelSize.length;
        String spatial = dims == 1 ? "L" : "H, W";
        if ((x.dim() != dims + 2 && x.dim() != dims + 1) || x.size(x.dim() - dims - 1) != inChannels)
            throw new ShapeMismatchException(getClass().getSimpleName() + ": expected input [N, " + inChannels + ", "
                    + spatial + "] (or unbatched [" + inChannels + ", " + spatial + "]), got " + Shapes.str(x.shape()));
        if (transposed) return x;
        int[] before = padding.before(kernelSize, dilation), after = padding.after(kernelSize, dilation);
        for (int d = 0; d < dims; d++) {
            long padded = x.size(x.dim() - dims + d) + (long) before[d] + after[d];
            long extent = (long) dilation[d] * (kernelSize[d] - 1) + 1;
            if (extent > padded)
                throw new ShapeMismatchException(getClass().getSimpleName() + ": padded input size " + padded
                        + " along dim " + (x.dim() - dims + d) + " of input " + Shapes.str(x.shape())
                        + " is smaller than the dilated kernel size " + extent);
        }
        if (paddingMode == PaddingMode.ZEROS) return x;
        int[] pads = new int[2 * dims]; // F.pad order: last dim first
        for (int d = 0; d < dims; d++) {
            pads[2 * (dims - 1 - d)] = before[d];
            pads[2 * (dims - 1 - d) + 1] = after[d];
        }
        try {
            return ConvF.pad(x, pads, paddingMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return the zero padding the convolution itself applies (none when the padding mode padded the input
     * already)}
     */
    protected ConvPadding convPadding() {
        return paddingMode == PaddingMode.ZEROS ? padding : ConvPadding.VALID;
    }

    private static void checkSizes(String layer, String name, int[] v, int dims, int min) {
        if (v == null || v.length != dims || Arrays.stream(v).anyMatch(x -> x < min))
            throw new IllegalArgumentException(layer + ": " + name + " must be " + dims + " integer"
                    + (dims > 1 ? "s" : "") + " >= " + min + ", got " + (v == null ? "null" : Arrays.toString(v)));
    }

    /** {@code n} copies of {@code v} (PyTorch's _pair / _single). */
    static int[] repeat(int v, int n) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /** A Python tuple: (3, 3), or (3,) for one element. */
    static String tuple(int[] v) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) s.append(i > 0 ? ", " : "").append(v[i]);
        return s.append(v.length == 1 ? ",)" : ")").toString();
    }

    /**
     * {@return the learnable weight: [out, in/groups, k...] for a convolution, [in, out/groups, k...] for a
     * transposed one}
     */
    public Parameter weight() {
        return parameter("weight");
    }

    /** {@return the learnable bias [out], or null if built with {@code bias} false} */
    public Parameter bias() {
        return hasParameter("bias") ? parameter("bias") : null;
    }

    /** {@return the number of channels of the input, C_in} */
    public int inChannels() {
        return inChannels;
    }

    /** {@return the number of channels the layer produces, C_out} */
    public int outChannels() {
        return outChannels;
    }

    /** {@return the kernel's size per spatial dim (a copy)} */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** {@return the stride per spatial dim (a copy)} */
    public int[] stride() {
        return stride.clone();
    }

    /** {@return the padding: sizes per spatial dim, "same" or "valid"} */
    public ConvPadding padding() {
        return padding;
    }

    /** {@return the spacing between kernel elements per spatial dim (a copy)} */
    public int[] dilation() {
        return dilation.clone();
    }

    /** {@return the number of blocked connections from input to output channels} */
    public int groups() {
        return groups;
    }

    /** {@return how the input is padded: zeros, reflect, replicate or circular} */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    int[] outputPaddingSizes() {
        return outputPadding.clone();
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder()
                .append(inChannels)
                .append(", ")
                .append(outChannels)
                .append(", kernel_size=")
                .append(tuple(kernelSize))
                .append(", stride=")
                .append(tuple(stride));
        if (padding.name() != null) s.append(", padding=").append(padding.name());
        else if (Arrays.stream(padding.sizes()).anyMatch(p -> p != 0))
            s.append(", padding=").append(tuple(padding.sizes()));
        if (Arrays.stream(dilation).anyMatch(d -> d != 1))
            s.append(", dilation=").append(tuple(dilation));
        if (Arrays.stream(outputPadding).anyMatch(p -> p != 0))
            s.append(", output_padding=").append(tuple(outputPadding));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias() == null) s.append(", bias=False");
        if (paddingMode != PaddingMode.ZEROS) s.append(", padding_mode=").append(paddingMode.key());
        return s.toString();
    }

    // ---------------------------------------------------------------- JSON arguments shared by the conv types

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Arg<ConvNd, Integer> inArg() {
        return Arg.positiveInt("inChannels", ConvNd::inChannels);
    }

    static Arg<ConvNd, Integer> outArg() {
        return Arg.positiveInt("outChannels", ConvNd::outChannels);
    }

    static Arg<ConvNd, Integer> groupsArg() {
        return Arg.positiveInt("groups", 1, ConvNd::groups);
    }

    static Arg<ConvNd, Boolean> biasArg() {
        return Arg.bool("bias", true, c -> c.bias() != null);
    }

    static Arg<ConvNd, PaddingMode> paddingModeArg() {
        return Arg.named("paddingMode", PaddingMode.ZEROS, PaddingMode::of, PaddingMode::key, ConvNd::paddingMode);
    }

    /** An integer or an array of {@code dims} integers >= min (PyTorch's _pair); required when {@code defaultValue} is null. */
    static Arg<ConvNd, int[]> sizesArg(
            String name, int dims, Integer defaultValue, int min, Function<ConvNd, int[]> getter) {
        return Arg.of(
                name,
                defaultValue == null,
                defaultValue == null ? null : repeat(defaultValue, dims),
                (v, f) -> readSizes(v, f, dims, min),
                getter,
                ConvNd::writeSizes);
    }

    /** padding: an integer, an array of {@code dims} integers >= 0, "same" or "valid". */
    static Arg<ConvNd, ConvPadding> paddingArg(int dims) {
        return Arg.of(
                "padding",
                false,
                ConvPadding.of(repeat(0, dims)),
                (v, f) -> {
                    if (v.isTextual()) {
                        try {
                            return ConvPadding.of(v.textValue());
                        } catch (IllegalArgumentException e) {
                            throw Arg.invalid(
                                    f,
                                    "must be an integer, an array of " + dims + " integers, \"same\" or \"valid\"",
                                    v);
                        }
                    }
                    return ConvPadding.of(readSizes(v, f, dims, 0));
                },
                ConvNd::padding,
                (p, f) -> p.name() != null ? NODES.textNode(p.name()) : writeSizes(p.sizes(), f));
    }

    private static int[] readSizes(JsonNode v, String field, int dims, int min) {
        String must = "must be an integer >= " + min + " or an array of " + dims + " of them";
        if (v.isInt() && v.intValue() >= min) return repeat(v.intValue(), dims);
        if (!v.isArray() || v.size() != dims) throw Arg.invalid(field, must, v);
        int[] s = new int[dims];
        for (int i = 0; i < dims; i++) {
            if (!v.get(i).isInt() || v.get(i).intValue() < min) throw Arg.invalid(field, must, v);
            s[i] = v.get(i).intValue();
        }
        return s;
    }

    private static JsonNode writeSizes(int[] v, String field) {
        ArrayNode a = NODES.arrayNode();
        for (int d : v) a.add(d);
        return a;
    }
}
