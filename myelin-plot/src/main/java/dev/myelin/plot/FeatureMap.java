package dev.myelin.plot;

/**
 * The activations of one layer for one example: {@code channels} planes of {@code height x width} values,
 * channel-major and row-major (a [C, H, W] tensor's values).
 *
 * @param name the layer's name, shown as the section heading (e.g. {@code "conv1"})
 * @param values {@code channels * height * width} values of a [C, H, W] tensor (not copied)
 * @param channels C, the number of planes (for attention weights: the heads)
 * @param height H, the rows of each plane
 * @param width W, the columns of each plane
 */
public record FeatureMap(String name, float[] values, int channels, int height, int width) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the name or values are null, a size is not positive, or the number of
     *     values is not {@code channels * height * width}
     */
    public FeatureMap {
        Checks.notNull(name, "name");
        Checks.notNull(values, "values");
        Checks.positive(channels, "channels");
        Checks.positive(height, "height");
        Checks.positive(width, "width");
        if ((long) channels * height * width != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values, but channels x height x width = "
                    + channels + " x " + height + " x " + width + "; pass a [C, H, W] tensor's values");
        }
    }
}
