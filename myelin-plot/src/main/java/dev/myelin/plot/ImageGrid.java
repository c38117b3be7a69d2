package dev.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Sample images in a grid, each captioned "predicted / true" with class names; wrong predictions get a
 * red caption and a red frame. Pixels are grayscale, 0 = black and 1 = white; if any value lies outside
 * [0, 1] (standardized inputs), the whole set is rescaled linearly from its min..max to 0..1 instead.
 * Drawn with java.awt, not XChart; in SVG each tile is an embedded PNG.
 */
public final class ImageGrid implements Painting {

    static {
        Headless.ensure();
    }

    static final Color WRONG_COLOR = new Color(0xd62728);
    static final Color RIGHT_COLOR = new Color(0x222222);
    static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Images are enlarged to about this many pixels on their longer side. */
    private static final int TARGET_TILE = 84;

    private static final int PAD = 10;
    private static final int HEADER = 30;
    private static final int CAPTION = 18;
    private static final int MAX_DEFAULT_COLUMNS = 10;

    private final BufferedImage[] tiles;
    private final String[] captions;
    private final boolean[] wrong;
    private final int columns;
    private final int cellWidth;
    private final int cellHeight;
    private final int tileWidth;
    private final int tileHeight;
    private final String title;

    /**
     * A grid of grayscale images, each captioned "predicted / true" when both are given (wrong ones in red).
     *
     * @param images one image per row, {@code height * width} values in row-major order
     * @param height image height in pixels
     * @param width image width in pixels
     * @param predicted predicted class per image, or null
     * @param truth true class per image, or null
     * @param classNames a name per class, or null to show class numbers
     * @param columns images per row, or 0 for about a square grid (at most 10 columns)
     * @throws IllegalArgumentException if there are no images, an image has the wrong number of values, a size is
     *     not positive, a pixel is not finite, columns is negative, predicted or truth has another length than
     *     images, or a class has no name in classNames
     */
    public ImageGrid(
            float[][] images, int height, int width, int[] predicted, int[] truth, String[] classNames, int columns) {
        Checks.notNull(images, "images");
        Checks.positive(height, "height");
        Checks.positive(width, "width");
        int n = images.length;
        if (n == 0) {
            throw new IllegalArgumentException("images must hold at least one image");
        }
        if (predicted != null && predicted.length != n) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " entries but there are " + n
                    + " images; give one prediction per image (or null)");
        }
        if (truth != null && truth.length != n) {
            throw new IllegalArgumentException("truth has " + truth.length + " entries but there are " + n
                    + " images; give one label per image (or null)");
        }
        if (columns < 0) {
            throw new IllegalArgumentException("columns must be >= 0 (0 = choose automatically), got " + columns);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (images[i] == null || images[i].length != height * width) {
                throw new IllegalArgumentException("images[" + i + "] has "
                        + (images[i] == null ? "no values" : images[i].length + " values") + " but height x width = "
                        + height + " x " + width + " = " + height * width + "; pass row-major pixels");
            }
            for (float v : images[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("images[" + i + "] holds a non-finite pixel value " + v);
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // Keep [0, 1] data as is so brightness means the same across grids; rescale anything else.
        boolean unit = lo >= 0 && hi <= 1;
        float offset = unit ? 0 : lo;
        float scale = unit ? 1 : (hi > lo ? 1 / (hi - lo) : 0);

        int zoom = Tiles.zoom(height, width, TARGET_TILE);
        tileWidth = width * zoom;
        tileHeight = height * zoom;
        this.columns = columns > 0
                ? Math.min(columns, n)
                : Math.min(n, Math.min(MAX_DEFAULT_COLUMNS, (int) Math.ceil(Math.sqrt(n))));
        tiles = new BufferedImage[n];
        captions = new String[n];
        wrong = new boolean[n];
        for (int i = 0; i < n; i++) {
            tiles[i] = tile(images[i], height, width, zoom, offset, scale);
            String p = predicted == null ? null : name(predicted[i], classNames, "predicted[" + i + "]");
            String t = truth == null ? null : name(truth[i], classNames, "truth[" + i + "]");
            captions[i] = p != null && t != null ? p + " / " + t : p != null ? p : t != null ? t : "";
            wrong[i] = predicted != null && truth != null && predicted[i] != truth[i];
        }
        title = predicted != null && truth != null
                ? "predicted / true  (red: wrong)"
                : predicted != null ? "predicted" : truth != null ? "true label" : "";
        int captionWidth = 0;
        FontMetrics fm = metrics();
        for (String c : captions) {
            captionWidth = Math.max(captionWidth, fm.stringWidth(c));
        }
        cellWidth = Math.max(tileWidth, captionWidth) + PAD;
        cellHeight = tileHeight + CAPTION + PAD;
    }

    private static BufferedImage tile(float[] pixels, int h, int w, int zoom, float offset, float scale) {
        return Tiles.of(pixels, 0, h, w, zoom, v -> Tiles.gray((v - offset) * scale));
    }

    private static String name(int k, String[] classNames, String what) {
        if (classNames == null) {
            return Integer.toString(k);
        }
        if (k < 0 || k >= classNames.length) {
            throw new IllegalArgumentException(
                    what + " is class " + k + " but classNames has only " + classNames.length + " names");
        }
        return classNames[k];
    }

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(CAPTION_FONT);
        } finally {
            g.dispose();
        }
    }

    /** Where image {@code i} is drawn (its pixels, without caption). */
    Rectangle tileBounds(int i) {
        int col = i % columns;
        int row = i / columns;
        int x = PAD + col * cellWidth + (cellWidth - PAD - tileWidth) / 2;
        int y = HEADER + row * cellHeight;
        return new Rectangle(x, y, tileWidth, tileHeight);
    }

    /** Where the caption of image {@code i} is written. */
    Rectangle captionBounds(int i) {
        int col = i % columns;
        Rectangle tile = tileBounds(i);
        return new Rectangle(PAD + col * cellWidth, tile.y + tileHeight, cellWidth - PAD, CAPTION);
    }

    @Override
    public int width() {
        return PAD + columns * cellWidth;
    }

    @Override
    public int height() {
        int rows = (tiles.length + columns - 1) / columns;
        return HEADER + rows * cellHeight;
    }

    @Override
    public void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(ChartStyle.TEXT_FONT.deriveFont(Font.BOLD, 13f));
        g.setColor(RIGHT_COLOR);
        g.drawString(title, PAD, HEADER - 11);
        g.setFont(CAPTION_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < tiles.length; i++) {
            Rectangle tile = tileBounds(i);
            g.drawImage(tiles[i], tile.x, tile.y, null);
            if (wrong[i]) {
                g.setColor(WRONG_COLOR);
                g.setStroke(new BasicStroke(2f));
                g.drawRect(tile.x - 1, tile.y - 1, tile.width + 1, tile.height + 1);
            }
            Rectangle caption = captionBounds(i);
            g.setColor(wrong[i] ? WRONG_COLOR : RIGHT_COLOR);
            int textX = caption.x + (caption.width - fm.stringWidth(captions[i])) / 2;
            g.drawString(captions[i], textX, caption.y + fm.getAscent() + 2);
        }
    }
}
