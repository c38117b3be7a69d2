package dev.myelin.plot;

import java.awt.Color;

/**
 * Colors shared by the charts: matplotlib's "tab10" cycle for classes and series, and the "viridis"
 * colormap (sampled at 9 stops, interpolated linearly) for continuous values.
 */
public final class Palette {

    private static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    private static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x472d7b), new Color(0x3b528b), new Color(0x2c728e),
        new Color(0x21918c), new Color(0x28ae80), new Color(0x5ec962), new Color(0xaadc32),
        new Color(0xfde725),
    };

    private static final Color DIVERGING_POSITIVE = new Color(0xb2182b);
    private static final Color DIVERGING_NEGATIVE = new Color(0x2166ac);

    /** How much of the class color a decision region keeps; the rest is white, so points stand out. */
    static final double REGION_STRENGTH = 0.35;

    private Palette() {}

    /**
     * The color of class (or series) {@code k}: tab10 for the first 10, then evenly spread hues.
     *
     * @param k the class index, from 0
     * @return the color
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public static Color classColor(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("class index must be >= 0, got " + k);
        }
        if (k < TAB10.length) {
            return TAB10[k];
        }
        float hue = (float) ((k * 0.618033988749895) % 1.0); // golden-ratio steps keep hues apart
        return Color.getHSBColor(hue, 0.65f, 0.85f);
    }

    /**
     * The pale color of the region where class {@code k} is predicted.
     *
     * @param k the class index, from 0
     * @return {@link #classColor} of {@code k} mixed with white
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public static Color regionColor(int k) {
        return mix(Color.WHITE, classColor(k), REGION_STRENGTH);
    }

    /**
     * Viridis at {@code t} in [0, 1] (clamped): dark purple at 0, yellow at 1.
     *
     * @param t the value, scaled to [0, 1]; NaN is drawn as 0
     * @return the color
     */
    public static Color viridis(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
    }

    /**
     * Red-white-blue (RdBu) at {@code t} in [-1, 1] (clamped): blue at -1, white at 0, red at 1, for signed values.
     *
     * @param t the value, scaled to [-1, 1]; NaN is drawn as 0
     * @return the color
     */
    public static Color diverging(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
        return x >= 0 ? mix(Color.WHITE, DIVERGING_POSITIVE, x) : mix(Color.WHITE, DIVERGING_NEGATIVE, -x);
    }

    /** {@code a} moved a fraction {@code t} of the way towards {@code b}. */
    static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
