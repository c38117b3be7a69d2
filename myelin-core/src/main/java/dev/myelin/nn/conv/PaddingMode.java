package dev.myelin.nn.conv;

import java.util.Locale;

/** How a convolution pads its input, as PyTorch's {@code padding_mode} (also {@link ConvF#pad}'s modes). */
public enum PaddingMode {
    /** Pads with zeros (PyTorch's default {@code 'zeros'}); the convolution itself applies it. */
    ZEROS,
    /** Mirrors the input without repeating the edge: [1, 2, 3] padded by 2 is [3, 2, 1, 2, 3, 2, 1]. */
    REFLECT,
    /** Repeats the edge value: [1, 2, 3] padded by 2 is [1, 1, 1, 2, 3, 3, 3]. */
    REPLICATE,
    /** Wraps around: [1, 2, 3] padded by 2 is [2, 3, 1, 2, 3, 1, 2]. */
    CIRCULAR;

    /** {@return PyTorch's name: "zeros", "reflect", "replicate" or "circular"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode with PyTorch's name {@code key}.
     *
     * @param key "zeros", "reflect", "replicate" or "circular"
     * @return the mode
     * @throws IllegalArgumentException if the name is none of these
     */
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
