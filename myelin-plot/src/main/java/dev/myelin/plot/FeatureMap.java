package dev.myelin.plot;

/**
 * The activations of one layer for one example: {@code channels} planes of {@code height x width} values,
 * channel-major and row-major (a [C, H, W] tensor's values).
 */
public record FeatureMap(String name, float[] values, int channels, int height, int width) {

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
