package dev.myelin.plot;

import java.awt.image.BufferedImage;
import java.util.function.DoubleToIntFunction;

/** Small raster tiles of one plane of values, enlarged by whole pixels, for the image grids. */
final class Tiles {

    private Tiles() {}

    /**
     * The {@code h x w} values at {@code values[start..]} (row-major) as an image enlarged {@code zoom} times,
     * each value colored by {@code rgb}.
     */
    static BufferedImage of(float[] values, int start, int h, int w, int zoom, DoubleToIntFunction rgb) {
        BufferedImage image = new BufferedImage(w * zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int color = rgb.applyAsInt(values[start + y * w + x]);
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        image.setRGB(x * zoom + dx, y * zoom + dy, color);
                    }
                }
            }
        }
        return image;
    }

    /** Gray for {@code t} in [0, 1] (clamped): 0 black, 1 white. */
    static int gray(double t) {
        int g = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return (g << 16) | (g << 8) | g;
    }

    /** The zoom that enlarges an {@code h x w} plane to about {@code target} pixels on its longer side (at least 1). */
    static int zoom(int h, int w, int target) {
        return Math.max(1, Math.round(target / (float) Math.max(h, w)));
    }
}
