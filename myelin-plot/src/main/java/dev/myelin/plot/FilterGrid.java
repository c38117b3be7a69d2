package dev.myelin.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernels of a convolution layer (weights [out, in, kh, kw], as PyTorch's Conv2d stores them) as a grid, one
 * tile per output channel and, when the layer reads several input channels, one section per input channel. All
 * tiles share one scale, so strong and weak filters can be compared: white is 0, red positive and blue negative
 * weights, full color the largest magnitude.
 */
public final class FilterGrid extends SheetPainting {

    static {
        Headless.ensure();
    }

    /** Kernels are enlarged to about this many pixels on their longer side. */
    private static final int TARGET_TILE = 48;

    private static final int COLUMNS = 16;

    private final float maxAbs;

    /**
     * The kernels of one convolution layer: one section per input channel, one tile per output channel.
     *
     * @param weights the layer's weights, {@code out * in * kh * kw} values in PyTorch's order
     * @param out the output channels ({@code Conv2d}'s {@code outChannels})
     * @param in the input channels per group
     * @param kh the kernel height
     * @param kw the kernel width
     * @param title a heading, e.g. which layer this is
     * @throws IllegalArgumentException if a size is not positive, the number of weights is not
     *     {@code out * in * kh * kw}, a weight is not finite, or the title is null
     */
    public FilterGrid(float[] weights, int out, int in, int kh, int kw, String title) {
        Checks.notNull(weights, "weights");
        Checks.positive(out, "out");
        Checks.positive(in, "in");
        Checks.positive(kh, "kh");
        Checks.positive(kw, "kw");
        if ((long) out * in * kh * kw != weights.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values, but out x in x kh x kw = "
                    + out + " x " + in + " x " + kh + " x " + kw + "; pass a [out, in, kh, kw] weight's values");
        }
        float m = 0;
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("weights holds a non-finite value " + w);
            }
            m = Math.max(m, Math.abs(w));
        }
        maxAbs = m;
        float scale = m > 0 ? 1 / m : 0;
        int zoom = Tiles.zoom(kh, kw, TARGET_TILE);
        List<TileSheet.Section> sections = new ArrayList<>();
        for (int c = 0; c < in; c++) {
            List<BufferedImage> tiles = new ArrayList<>();
            for (int o = 0; o < out; o++) {
                tiles.add(Tiles.of(
                        weights,
                        (o * in + c) * kh * kw,
                        kh,
                        kw,
                        zoom,
                        v -> Palette.diverging(v * scale).getRGB()));
            }
            sections.add(new TileSheet.Section(
                    String.format(
                            Locale.ROOT, "%d filters of %dx%d%s", out, kh, kw, in > 1 ? ", input channel " + c : ""),
                    tiles));
        }
        String heading = String.format(
                Locale.ROOT, "%s  (red +, blue -, full color = max |w| = %.3g)", Checks.notNull(title, "title"), m);
        super(new TileSheet(heading, sections, COLUMNS));
    }

    /** {@return the largest weight magnitude, drawn in full color} */
    public float maxAbs() {
        return maxAbs;
    }
}
