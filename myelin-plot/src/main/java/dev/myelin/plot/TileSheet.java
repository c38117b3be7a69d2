package dev.myelin.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Sections of equally sized tiles under a title each, wrapped at a fixed number of columns: the layout shared by
 * the filter and feature-map pictures. Tiles of one section have one size; sections may differ.
 */
final class TileSheet implements Painting {

    /** A titled group of tiles, e.g. one layer's channels. */
    record Section(String title, List<BufferedImage> tiles) {}

    private static final int PAD = 10;
    private static final int GAP = 4;
    private static final int TITLE = 26;
    private static final Color TEXT = new Color(0x222222);
    private static final Color FRAME = new Color(0xcccccc);

    private final String title;
    private final List<Section> sections;
    private final int columns;
    private final int[] tops;
    private final int width;
    private final int height;

    TileSheet(String title, List<Section> sections, int columns) {
        this.title = title;
        this.sections = List.copyOf(sections);
        this.columns = columns;
        tops = new int[this.sections.size()];
        int y = PAD + TITLE;
        int widest = 0;
        for (int s = 0; s < tops.length; s++) {
            Section section = this.sections.get(s);
            BufferedImage first = section.tiles().getFirst();
            int cols = Math.min(columns, section.tiles().size());
            int rows = (section.tiles().size() + columns - 1) / columns;
            tops[s] = y;
            y += TITLE + rows * (first.getHeight() + GAP) + GAP;
            widest = Math.max(widest, cols * (first.getWidth() + GAP) - GAP);
        }
        width = Math.max(widest, 360) + 2 * PAD;
        height = y + PAD;
    }

    /** Where tile {@code i} of section {@code s} is drawn. */
    Rectangle tileBounds(int s, int i) {
        BufferedImage tile = sections.get(s).tiles().get(i);
        int x = PAD + (i % columns) * (tile.getWidth() + GAP);
        int y = tops[s] + TITLE + (i / columns) * (tile.getHeight() + GAP);
        return new Rectangle(x, y, tile.getWidth(), tile.getHeight());
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(TEXT);
        g.setFont(ChartStyle.TITLE_FONT);
        g.drawString(title, PAD, PAD + TITLE - 10);
        g.setFont(ChartStyle.TEXT_FONT.deriveFont(Font.BOLD));
        for (int s = 0; s < tops.length; s++) {
            Section section = sections.get(s);
            g.setColor(TEXT);
            g.drawString(section.title(), PAD, tops[s] + TITLE - 8);
            for (int i = 0; i < section.tiles().size(); i++) {
                Rectangle r = tileBounds(s, i);
                g.drawImage(section.tiles().get(i), r.x, r.y, null);
                // a hairline frame, so tiles that are mostly white (zero weights) keep their outline
                g.setColor(FRAME);
                g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
            }
        }
    }
}
