package dev.myelin.plot;

import java.nio.file.Path;
import java.util.Locale;

/** Output formats, chosen from the file extension. */
public enum ImageFormat {
    /** Raster image (Portable Network Graphics). */
    PNG,
    /** Vector image (Scalable Vector Graphics). */
    SVG;

    /**
     * The format named by the extension of {@code file} ({@code .png} or {@code .svg}, any case).
     *
     * @param file the output file
     * @return the format its extension names
     * @throws IllegalArgumentException if the extension is missing or not supported
     */
    public static ImageFormat of(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (s.endsWith(".png")) {
            return PNG;
        }
        if (s.endsWith(".svg")) {
            return SVG;
        }
        throw new IllegalArgumentException(
                "output file '" + file + "' has an unsupported extension: use .png (raster) or .svg (vector)");
    }
}
