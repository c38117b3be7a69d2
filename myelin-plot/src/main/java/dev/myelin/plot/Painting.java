package dev.myelin.plot;

import java.awt.Graphics2D;

/**
 * A picture of fixed size that can paint itself on any {@link Graphics2D}: a raster image for PNG or a
 * recording vector canvas for SVG. Every chart in this package is a Painting, so one writer serves all.
 */
public interface Painting {

    /** {@return the width in pixels (PNG) or user units (SVG)} */
    int width();

    /** {@return the height in pixels (PNG) or user units (SVG)} */
    int height();

    /**
     * Paints the whole picture into the rectangle (0, 0, width, height) of {@code g}.
     *
     * @param g the canvas: a raster image's graphics or a vector recorder
     */
    void paint(Graphics2D g);
}
