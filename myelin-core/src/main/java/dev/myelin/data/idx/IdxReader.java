package dev.myelin.data.idx;

import dev.myelin.data.TensorDataset;
import dev.myelin.io.RegularFiles;
import dev.myelin.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files: unsigned-byte images (magic 0x00000803, dims N × rows × cols) and labels
 * (magic 0x00000801, dim N). Files may be raw or gzip-compressed (detected by the gzip magic bytes, not the name).
 *
 * <p>The header is checked before any allocation: the magic number and data type, positive dimensions, and that
 * the file holds exactly the number of bytes the header promises (for gzip, single- or multi-member, a promise
 * beyond DEFLATE's best ratio is refused before allocating and the decompressed data must end exactly there). Only
 * regular files are read. Pixels are scaled to [0, 1] floats; labels become float class indices.
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UBYTE = 0x08;
    // DEFLATE cannot compress better than about 1032:1; a header claiming more than that is lying.
    private static final long MAX_GZIP_RATIO = 1100;

    private IdxReader() {}

    /**
     * Reads an image file (magic 0x00000803).
     *
     * @param file the IDX file, raw or gzip-compressed
     * @param flatten whether to return [N, rows*cols] (for an MLP) instead of [N, rows, cols]
     * @return the images, pixel bytes divided by 255 (values in [0, 1])
     * @throws IdxFormatException if the file is not a valid IDX file of that kind (the message says what is wrong)
     * @throws IOException if the file is missing, not a regular file or unreadable
     */
    public static Tensor readImages(Path file, boolean flatten) throws IOException {
        try (Payload p = open(file, 3, "images")) {
            int n = p.dims[0], rows = p.dims[1], cols = p.dims[2];
            float[] data = p.readScaled(true);
            return flatten ? new Tensor(data, n, rows * cols) : new Tensor(data, n, rows, cols);
        }
    }

    /**
     * Reads a label file of a 10-class data set (MNIST, Fashion-MNIST).
     *
     * @param file the IDX file (magic 0x00000801), raw or gzip-compressed
     * @return the labels as a float tensor [N] of class indices
     * @throws IdxFormatException if the file is not a valid IDX file of that kind or a label is above 9
     * @throws IOException if the file is missing, not a regular file or unreadable
     */
    public static Tensor readLabels(Path file) throws IOException {
        return readLabels(file, 10);
    }

    /**
     * Reads a label file, checking every label against the number of classes.
     *
     * @param file the IDX file (magic 0x00000801), raw or gzip-compressed
     * @param numClasses the number of classes, in 1..256
     * @return the labels as a float tensor [N] of class indices
     * @throws IllegalArgumentException if {@code numClasses} is outside 1..256
     * @throws IdxFormatException if the file is not a valid IDX file of that kind or a label is
     *     {@code >= numClasses}
     * @throws IOException if the file is missing, not a regular file or unreadable
     */
    public static Tensor readLabels(Path file, int numClasses) throws IOException {
        if (numClasses <= 0 || numClasses > 256)
            throw new IllegalArgumentException("readLabels: numClasses must be in 1..256, got " + numClasses);
        try (Payload p = open(file, 1, "labels")) {
            float[] labels = p.readScaled(false);
            for (int i = 0; i < labels.length; i++)
                if (labels[i] >= numClasses)
                    throw new IdxFormatException(
                            file,
                            "label " + (int) labels[i] + " of item " + i + " is out of range 0.." + (numClasses - 1)
                                    + " (pass the number of classes if this data set has more)");
            return new Tensor(labels, labels.length);
        }
    }

    /**
     * Reads images and labels as one dataset, checking that both files hold the same number of items.
     *
     * @param images the image file, as {@link #readImages}
     * @param labels the label file, as {@link #readLabels(Path, int)}
     * @param flatten whether images are [N, rows*cols] instead of [N, rows, cols]
     * @param numClasses the number of classes, in 1..256
     * @return features (pixels in [0, 1]) and class-index targets [N]
     * @throws IllegalArgumentException if {@code numClasses} is outside 1..256
     * @throws IdxFormatException if a file is invalid, a label is out of range, or the item counts differ
     * @throws IOException if a file is missing, not a regular file or unreadable
     */
    public static TensorDataset read(Path images, Path labels, boolean flatten, int numClasses) throws IOException {
        int ni = peekCount(images, 3, "images"), nl = peekCount(labels, 1, "labels");
        if (ni != nl)
            throw new IdxFormatException(
                    images, "holds " + ni + " images but " + labels + " holds " + nl + " labels; they must match");
        return new TensorDataset(readImages(images, flatten), readLabels(labels, numClasses));
    }

    private static int peekCount(Path file, int rank, String kind) throws IOException {
        try (Payload p = open(file, rank, kind)) {
            return p.dims[0];
        }
    }

    /** Opens the file, validates the header and the length, and leaves the stream at the first data byte. */
    private static Payload open(Path file, int rank, String kind) throws IOException {
        RegularFiles.require(file, "IDX " + kind + " file");
        long fileSize = Files.size(file);
        boolean gzip = isGzip(file);
        InputStream raw = Files.newInputStream(file);
        InputStream body;
        try {
            body = gzip ? new GZIPInputStream(raw, 1 << 16) : raw; // reads the gzip header
        } catch (IOException e) {
            raw.close();
            throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(body, 1 << 16));
        try {
            int magic = readHeaderInt(in, file, "the magic number");
            int expectedMagic = rank == 3 ? IMAGES_MAGIC : LABELS_MAGIC;
            if ((magic >>> 16) != 0)
                throw new IdxFormatException(
                        file,
                        String.format(
                                "not an IDX file: magic number 0x%08X does not start with two zero bytes (expected 0x%08X for %s)",
                                magic, expectedMagic, kind));
            int dtype = (magic >>> 8) & 0xFF, fileRank = magic & 0xFF;
            if (dtype != UBYTE)
                throw new IdxFormatException(
                        file,
                        String.format(
                                "IDX data type 0x%02X (%s) is not supported; only unsigned byte (0x08) is, magic 0x%08X for %s",
                                dtype, typeName(dtype), expectedMagic, kind));
            if (fileRank != rank)
                throw new IdxFormatException(
                        file,
                        String.format(
                                "magic number 0x%08X means a %d-dimensional file, but %s need 0x%08X (%d dimensions)%s",
                                magic,
                                fileRank,
                                kind,
                                expectedMagic,
                                rank,
                                fileRank == 1
                                        ? "; is this a labels file?"
                                        : fileRank == 3 ? "; is this an images file?" : ""));
            int[] dims = new int[rank];
            long items = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = readHeaderInt(in, file, "dimension " + d);
                if (dims[d] < 0 || (d > 0 && dims[d] == 0))
                    throw new IdxFormatException(
                            file, "dimension " + d + " is " + dims[d] + " in the header; sizes must be positive");
                items *= dims[d];
            }
            long perItem = 1;
            for (int d = 1; d < rank; d++) perItem *= dims[d];
            if (perItem > Integer.MAX_VALUE - 16) // even with no items: an item's size must fit a tensor's row
            throw new IdxFormatException(
                        file,
                        "header dimensions " + java.util.Arrays.toString(dims) + " describe items of " + perItem
                                + " bytes, more than a tensor can hold");
            long headerBytes = 4L + 4L * rank, expected = headerBytes + items;
            if (items > Integer.MAX_VALUE - 16)
                throw new IdxFormatException(
                        file,
                        "header dimensions " + java.util.Arrays.toString(dims) + " describe " + items
                                + " bytes, more than a tensor can hold");
            if (gzip) {
                // The trailer's size field describes only the last member of a multi-member file (concatenated gzip, as
                // pigz and cat make), so it proves nothing; the ratio bound refuses an impossible promise before the
                // allocation, and reading checks that the data ends exactly where the header says.
                if (expected > fileSize * MAX_GZIP_RATIO)
                    throw new IdxFormatException(
                            file,
                            "header " + java.util.Arrays.toString(dims) + " promises " + expected
                                    + " bytes after decompression, more than " + MAX_GZIP_RATIO + " times the "
                                    + fileSize
                                    + "-byte gzip file (DEFLATE cannot compress that well): corrupt or wrong file");
            } else if (fileSize != expected) {
                throw new IdxFormatException(
                        file,
                        "header " + java.util.Arrays.toString(dims) + " promises " + expected + " bytes ("
                                + headerBytes + " header + " + items + " data) but the file has " + fileSize
                                + " bytes ("
                                + (fileSize < expected ? "truncated" : "trailing data") + ")");
            }
            return new Payload(file, in, dims, (int) items);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "file ends inside the header while reading " + what, e);
        } catch (IOException e) { // a ZipException or the like from a damaged gzip stream
            throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static String typeName(int dtype) {
        return switch (dtype) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }

    /** The data section of a validated file. */
    private record Payload(Path file, DataInputStream in, int[] dims, int items) implements AutoCloseable {
        float[] readScaled(boolean scale) throws IOException {
            byte[] bytes = new byte[items];
            try {
                int got = in.readNBytes(bytes, 0, items);
                if (got != items)
                    throw new IdxFormatException(
                            file, "data ends after " + got + " of " + items + " bytes (truncated)");
                if (in.read() != -1)
                    throw new IdxFormatException(
                            file, "trailing data after the " + items + " bytes the header promises");
            } catch (IdxFormatException e) {
                throw e;
            } catch (IOException e) { // ZipException, EOFException: what GZIPInputStream says of a damaged stream
                throw new IdxFormatException(file, "corrupt or truncated gzip data: " + e.getMessage(), e);
            }
            float[] out = new float[items];
            for (int i = 0; i < items; i++) out[i] = scale ? (bytes[i] & 0xFF) / 255f : (bytes[i] & 0xFF);
            return out;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
