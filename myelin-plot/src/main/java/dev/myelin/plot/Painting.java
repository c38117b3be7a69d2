package dev.myelin.plot;

import java.awt.Graphics2D;

/**
 * A picture of fixed size that can paint itself on any {@link Graphics2D}: a raster image for PNG or a
 * recording vector canvas for SVG. Every chart in this package is a Painting, so one writer serves all.
 */
public interface Painting {

    /** Width in pixels (PNG) or user units (SVG). */
    int width();

    /** Height in pixels (PNG) or user units (SVG). */
    int height();

    /** Paints the whole picture into the rectangle (0, 0, width, height) of {@code g}. */
    void paint(Graphics2D g);
}
