package dev.myelin.nn.conv;

import java.util.Arrays;

/**
 * A convolution's {@code padding} argument as PyTorch takes it: sizes per spatial dim, or "same" (output as large
 * as the input, stride 1 only) or "valid" (none).
 *
 * @param sizes padding per spatial dim (before and after), or null for "same"/"valid"
 * @param name  "same" or "valid", or null for explicit sizes
 */
public record ConvPadding(int[] sizes, String name) {
    /** PyTorch's {@code padding="same"}: the output as large as the input (stride 1 only). */
    public static final ConvPadding SAME = new ConvPadding(null, "same");

    /** PyTorch's {@code padding="valid"}: no padding. */
    public static final ConvPadding VALID = new ConvPadding(null, "valid");

    /**
     * Checks and copies the arguments; {@link #of(int...)} and {@link #of(String)} are shorter.
     *
     * @param sizes padding per spatial dim, each {@code >= 0}, or null for "same"/"valid"
     * @param name  "same" or "valid", or null for explicit sizes
     * @throws IllegalArgumentException if both or neither are given, a size is negative, or the name is unknown
     */
    public ConvPadding {
        if ((sizes == null) == (name == null))
            throw new IllegalArgumentException("padding: give either sizes or a name");
        if (sizes != null) {
            for (int s : sizes)
                if (s < 0) throw new IllegalArgumentException("padding must be >= 0, got " + Arrays.toString(sizes));
            sizes = sizes.clone();
        } else if (!name.equals("same") && !name.equals("valid")) {
            throw new IllegalArgumentException("padding must be sizes, \"same\" or \"valid\", got \"" + name + "\"");
        }
    }

    /**
     * Explicit zero padding, as PyTorch's {@code padding=(ph, pw)}.
     *
     * @param sizes the padding added before and after each spatial dim, one per dim, each {@code >= 0}
     * @return the padding
     * @throws IllegalArgumentException if a size is negative or {@code sizes} is null
     */
    public static ConvPadding of(int... sizes) {
        return new ConvPadding(sizes, null);
    }

    /**
     * Named padding, as PyTorch's {@code padding="same"} or {@code padding="valid"}.
     *
     * @param name "same" or "valid"
     * @return {@link #SAME} or {@link #VALID}'s equal
     * @throws IllegalArgumentException if the name is neither, or null
     */
    public static ConvPadding of(String name) {
        return new ConvPadding(null, name);
    }

    /** {@return whether this is "same" padding} */
    public boolean same() {
        return "same".equals(name);
    }

    /** The zero padding before (and, except for "same", after) each of {@code kernel.length} dims. */
    int[] before(int[] kernel, int[] dilation) {
        int[] p = new int[kernel.length];
        for (int d = 0; d < p.length; d++)
            p[d] = sizes != null ? sizes[d] : same() ? dilation[d] * (kernel[d] - 1) / 2 : 0;
        return p;
    }

    /** The padding after each dim ("same" puts an odd total's extra element after, as PyTorch). */
    int[] after(int[] kernel, int[] dilation) {
        int[] p = before(kernel, dilation);
        if (same()) for (int d = 0; d < p.length; d++) p[d] = dilation[d] * (kernel[d] - 1) - p[d];
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvPadding p && Arrays.equals(sizes, p.sizes) && java.util.Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sizes) + java.util.Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return name != null ? name : ConvNd.tuple(sizes);
    }
}
