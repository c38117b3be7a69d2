package dev.myelin.nn.conv;

import java.util.Locale;

/** How a convolution pads its input, as PyTorch's {@code padding_mode} (also {@link ConvF#pad}'s modes). */
public enum PaddingMode {
    ZEROS,
    REFLECT,
    REPLICATE,
    CIRCULAR;

    /** PyTorch's name: "zeros", "reflect", "replicate" or "circular". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code key} (PyTorch's names). */
    public static PaddingMode of(String key) {
        for (PaddingMode m : values()) if (m.key().equals(key)) return m;
        throw new IllegalArgumentException(
                "padding_mode must be one of zeros, reflect, replicate, circular, got '" + key + "'");
    }

    /**
     * The source index, in [0, size), of padded position {@code i} in [−before, size + after) of a dimension of
     * length {@code size} (not for ZEROS, whose padding reads nothing).
     */
    int source(int i, int size) {
        return switch (this) {
            case REFLECT -> i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
            case REPLICATE -> Math.min(Math.max(i, 0), size - 1);
            case CIRCULAR -> Math.floorMod(i, size);
            case ZEROS -> throw new IllegalStateException("zero padding reads no source");
        };
    }
}
