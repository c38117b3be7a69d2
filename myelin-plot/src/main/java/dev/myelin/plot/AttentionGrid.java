package dev.myelin.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attention weights of a Transformer for one input: one section per layer, one heat-map tile per head, a row
 * per query position and a column per key position. Weights are probabilities (each row sums to 1), so every tile
 * shares one scale, viridis from 0 (dark) to the largest weight of the picture (yellow): heads can be compared.
 * A layer is a {@link FeatureMap} whose channels are the heads ([heads, queries, keys]).
 */
public final class AttentionGrid extends SheetPainting {

    static {
        Headless.ensure();
    }

    /** Maps are enlarged to about this many pixels on their longer side. */
    private static final int TARGET_TILE = 192;

    private static final int COLUMNS = 4;

    /**
     * The attention weights of one input, one section per layer.
     *
     * @param layers one map per layer, shaped [heads, queries, keys], values in [0, 1] (e.g. a
     *     {@code MultiheadAttention}'s weights for one example with {@code averageAttnWeights} off)
     * @param title the picture's heading
     * @throws IllegalArgumentException if there is no layer, the title is null, or a value is outside [0, 1]
     */
    public AttentionGrid(List<FeatureMap> layers, String title) {
        Checks.notNull(layers, "layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold the attention weights of at least one layer");
        }
        float top = 0;
        for (FeatureMap map : layers) {
            Checks.notNull(map, "layers' entries");
            for (float v : map.values()) {
                if (!(v >= 0 && v <= 1.0001f)) {
                    throw new IllegalArgumentException(
                            map.name() + " holds " + v + ", not an attention weight in [0, 1]");
                }
                top = Math.max(top, v);
            }
        }
        float scale = top > 0 ? 1 / top : 0;
        List<TileSheet.Section> sections = new ArrayList<>();
        for (FeatureMap map : layers) {
            int plane = map.height() * map.width();
            int zoom = Tiles.zoom(map.height(), map.width(), TARGET_TILE);
            List<BufferedImage> tiles = new ArrayList<>();
            for (int h = 0; h < map.channels(); h++) {
                tiles.add(Tiles.of(
                        map.values(),
                        h * plane,
                        map.height(),
                        map.width(),
                        zoom,
                        v -> Palette.viridis(v * scale).getRGB()));
            }
            sections.add(new TileSheet.Section(
                    String.format(
                            Locale.ROOT,
                            "%s: head 1 to %d, %d queries (rows) x %d keys (columns)",
                            map.name(),
                            map.channels(),
                            map.height(),
                            map.width()),
                    tiles));
        }
        super(new TileSheet(Checks.notNull(title, "title"), sections, COLUMNS));
    }
}
