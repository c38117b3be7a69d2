package dev.myelin.bench.estimator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Minimal reader for the (gzipped) IDX files of MNIST / Fashion-MNIST, for the benchmark only (the library's own
 * reader lives in dev.myelin.data). Images come back as rows of pixel/255, labels as ints.
 */
final class IdxReader {
    private IdxReader() {
    }

    static float[][] images(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(file + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = Math.min(in.readInt(), limit);
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] buf = new byte[rows * cols];
            float[][] x = new float[n][rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < buf.length; j++) {
                    x[i][j] = (buf[j] & 0xff) / 255f;
                }
            }
            return x;
        }
    }

    static int[] labels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IOException(file + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = Math.min(in.readInt(), limit);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(
                file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
    }
}
