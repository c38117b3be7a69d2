package dev.myelin.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;

/**
 * A painting that is one {@link TileSheet}: the grids of filters, feature maps and attention weights build their
 * sections, and this draws and measures the sheet.
 */
abstract class SheetPainting implements Painting {
    private final TileSheet sheet;

    SheetPainting(TileSheet sheet) {
        this.sheet = sheet;
    }

    /** Where tile {@code tile} of section {@code section} is drawn. */
    Rectangle tileBounds(int section, int tile) {
        return sheet.tileBounds(section, tile);
    }

    @Override
    public int width() {
        return sheet.width();
    }

    @Override
    public int height() {
        return sheet.height();
    }

    @Override
    public void paint(Graphics2D g) {
        sheet.paint(g);
    }
}
