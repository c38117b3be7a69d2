package dev.myelin.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a convolutional network sees in one example: one section per layer (e.g. the input image, then each
 * convolution's output), one tile per channel. Each tile is scaled from its own minimum (dark) to maximum (yellow),
 * viridis, since channels differ in range; a constant channel (a unit a ReLU silenced) is drawn dark.
 */
public final class FeatureMapGrid extends SheetPainting {

    static {
        Headless.ensure();
    }

    /** Maps are enlarged to about this many pixels on their longer side. */
    private static final int TARGET_TILE = 56;

    private static final int COLUMNS = 16;

    /**
     * The feature maps of one example, one section per layer.
     *
     * @param layers one map per layer ([C, H, W] values, finite), in the order they are drawn
     * @param title the picture's heading
     * @throws IllegalArgumentException if there is no layer, the title is null, or a value is not finite
     */
    public FeatureMapGrid(List<FeatureMap> layers, String title) {
        Checks.notNull(layers, "layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold at least one feature map");
        }
        List<TileSheet.Section> sections = new ArrayList<>();
        for (FeatureMap map : layers) {
            Checks.notNull(map, "layers' entries");
            int plane = map.height() * map.width();
            int zoom = Tiles.zoom(map.height(), map.width(), TARGET_TILE);
            List<BufferedImage> tiles = new ArrayList<>();
            for (int c = 0; c < map.channels(); c++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    float v = map.values()[i];
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException(
                                map.name() + " holds a non-finite value " + v + " in channel " + c);
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                float offset = lo;
                float scale = hi > lo ? 1 / (hi - lo) : 0;
                tiles.add(Tiles.of(
                        map.values(),
                        c * plane,
                        map.height(),
                        map.width(),
                        zoom,
                        v -> Palette.viridis((v - offset) * scale).getRGB()));
            }
            sections.add(new TileSheet.Section(
                    String.format(
                            Locale.ROOT,
                            "%s: %d channel%s of %dx%d",
                            map.name(),
                            map.channels(),
                            map.channels() == 1 ? "" : "s",
                            map.height(),
                            map.width()),
                    tiles));
        }
        super(new TileSheet(Checks.notNull(title, "title"), sections, COLUMNS));
    }
}
