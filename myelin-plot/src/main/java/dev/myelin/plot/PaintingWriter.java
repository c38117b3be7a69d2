package dev.myelin.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.myelin.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders a {@link Painting} to PNG or SVG bytes and writes them atomically: the bytes go to a temporary
 * file in the target directory, which is then renamed over the target, so readers never see a torn file.
 */
public final class PaintingWriter {

    static {
        Headless.ensure();
    }

    private PaintingWriter() {}

    /**
     * Writes {@code painting} to {@code file} in the format named by its extension ({@code .png} or
     * {@code .svg}); missing parent directories are created.
     *
     * @param painting the picture to write
     * @param file the output file, ending in {@code .png} or {@code .svg}
     * @throws IllegalArgumentException if the extension is not supported
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Painting painting, Path file) {
        ImageFormat format = ImageFormat.of(file);
        byte[] bytes = switch (format) {
            case PNG -> png(painting);
            case SVG -> svg(painting);
        };
        writeAtomically(file, bytes);
    }

    /**
     * Paints on a white, antialiased RGB image of the painting's size, e.g. to show it in a window or compose it.
     *
     * @param painting the picture to render
     * @return the image, {@code painting.width() x painting.height()} pixels
     */
    public static BufferedImage render(Painting painting) {
        BufferedImage image = new BufferedImage(painting.width(), painting.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            prepare(g, painting);
            painting.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] png(Painting painting) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(painting), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode PNG", e);
        }
        return out.toByteArray();
    }

    static byte[] svg(Painting painting) {
        VectorGraphics2D g = new VectorGraphics2D();
        prepare(g, painting);
        painting.paint(g);
        PageSize page = new PageSize(0, 0, painting.width(), painting.height());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), page).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode SVG", e);
        } finally {
            g.dispose();
        }
        return out.toByteArray();
    }

    private static void prepare(Graphics2D g, Painting painting) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, painting.width(), painting.height());
    }

    /** Through core's {@link AtomicFiles}: one atomic write, whose temporaries a resumed run recognizes and removes. */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write plot to '" + file + "': " + e.getMessage(), e);
        }
    }
}
