package dev.myelin.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small input files for the command tests: MNIST-format (IDX) image sets and CSV tables. */
final class TestFiles {
    static final int SIDE = 10;

    private TestFiles() {}

    /** An IDX file: magic number, big-endian dimensions, then the bytes; gzip-compressed if {@code gzip}. */
    static void writeIdx(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) out.writeInt(d);
            out.write(data);
        }
        try (OutputStream os = Files.newOutputStream(file);
                OutputStream o = gzip ? new GZIPOutputStream(os) : os) {
            o.write(bytes.toByteArray());
        }
    }

    /**
     * Digit-like 10x10 images of 4 classes: class k is a bright 4x4 blob in quadrant k (jittered by a pixel)
     * over faint noise. Labels are returned in {@code labels}.
     */
    static byte[] blobImages(int n, byte[] labels, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(4);
            labels[i] = (byte) k;
            int top = (k / 2) * 5 + r.nextInt(2), left = (k % 2) * 5 + r.nextInt(2);
            for (int y = 0; y < SIDE; y++)
                for (int x = 0; x < SIDE; x++) {
                    boolean on = y >= top && y < top + 4 && x >= left && x < left + 4;
                    px[i * SIDE * SIDE + y * SIDE + x] = (byte) (on ? 180 + r.nextInt(70) : r.nextInt(40));
                }
        }
        return px;
    }

    /** An idx: directory with train (gzip) and t10k (raw) files of {@link #blobImages}. */
    static Path idxDirectory(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        byte[] trainLabels = new byte[train], testLabels = new byte[test];
        byte[] trainImages = blobImages(train, trainLabels, 1), testImages = blobImages(test, testLabels, 2);
        writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {train, SIDE, SIDE}, trainImages, true);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {train}, trainLabels, false);
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), 0x803, new int[] {test, SIDE, SIDE}, testImages, false);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x801, new int[] {test}, testLabels, true);
        return dir;
    }

    /**
     * A CSV with two numeric columns, a categorical one and a class label: the label is "high" when
     * x1 + x2 + (color == red ? 1 : 0) > 1, else "low".
     */
    static Path csv(Path file, int rows) throws IOException {
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder("x1,color,x2,label\n");
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < rows; i++) {
            double x1 = r.nextDouble() * 2 - 0.5, x2 = r.nextDouble() * 2 - 0.5;
            String c = colors[r.nextInt(3)];
            boolean high = x1 + x2 + (c.equals("red") ? 1 : 0) > 1;
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%s,%.4f,%s%n", x1, c, x2, high ? "high" : "low"));
        }
        Files.writeString(file, sb);
        return file;
    }
}
