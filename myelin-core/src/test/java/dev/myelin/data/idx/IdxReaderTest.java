package dev.myelin.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file: magic, dims (big-endian ints), then the data bytes. */
    static byte[] idx(int magic, int[] dims, int... data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        for (int v : data) b.put((byte) v);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Two 2x3 images: 0, 51, 102, 153, 204, 255 and its reverse. */
    private static byte[] twoImages() {
        return idx(0x803, new int[] {2, 2, 3}, 0, 51, 102, 153, 204, 255, 255, 204, 153, 102, 51, 0);
    }

    @Test
    void readsRawImagesScaledToUnitRangeInBothLayouts() throws IOException {
        Path f = write("imgs", twoImages());
        Tensor images = IdxReader.readImages(f, false);
        assertThat(images.shape()).containsExactly(2, 2, 3);
        assertThat(images.toArray()).containsExactly(0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f, 1f, 0.8f, 0.6f, 0.4f, 0.2f, 0f);
        Tensor flat = IdxReader.readImages(f, true);
        assertThat(flat.shape()).containsExactly(2, 6);
        assertThat(flat.toArray()).containsExactly(images.toArray());
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        Path gz = write("imgs.bin", gzip(twoImages()));
        Path raw = write("imgs.gz", twoImages());
        assertThat(IdxReader.readImages(gz, false).toArray())
                .containsExactly(IdxReader.readImages(raw, false).toArray());
        Path labels = write("labels.gz", gzip(idx(0x801, new int[] {3}, 7, 0, 9)));
        assertThat(IdxReader.readLabels(labels).toArray()).containsExactly(7, 0, 9);
    }

    @Test
    void readsAPairIntoADataset() throws IOException {
        TensorDataset ds =
                IdxReader.read(write("i", twoImages()), write("l", idx(0x801, new int[] {2}, 3, 1)), true, 10);
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.targets().toArray()).containsExactly(3, 1);
        assertThat(ds.get(1).features().get(0)).isEqualTo(1f);
    }

    @Test
    void wrongMagicIsRejectedWithFileAndExpectedValue() throws IOException {
        Path notIdx = write("junk.txt", "hello world, not idx".getBytes());
        assertThatThrownBy(() -> IdxReader.readImages(notIdx, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("junk.txt")
                .hasMessageContaining("not an IDX file")
                .hasMessageContaining("0x00000803");
        Path labelsAsImages = write("labels", idx(0x801, new int[] {1}, 1));
        assertThatThrownBy(() -> IdxReader.readImages(labelsAsImages, false))
                .hasMessageContaining("labels")
                .hasMessageContaining("0x00000801")
                .hasMessageContaining("is this a labels file?");
        Path floats = write("floats", idx(0x00000D03, new int[] {1, 1, 1}, 0, 0, 0, 0));
        assertThatThrownBy(() -> IdxReader.readImages(floats, false))
                .hasMessageContaining("floats")
                .hasMessageContaining("0x0D (float) is not supported");
    }

    @Test
    void truncatedOrOverlongFilesAreRejectedBeforeAllocating() throws IOException {
        byte[] good = twoImages();
        Path truncated = write("trunc", Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> IdxReader.readImages(truncated, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("trunc")
                .hasMessageContaining("promises 28 bytes")
                .hasMessageContaining("has 27 bytes (truncated)");
        Path trailing = write("trailing", Arrays.copyOf(good, good.length + 3));
        assertThatThrownBy(() -> IdxReader.readImages(trailing, false)).hasMessageContaining("trailing data");
        // A header claiming two billion images in a tiny file must fail on the length check, not with OutOfMemoryError.
        Path huge = write("huge", idx(0x803, new int[] {2_000_000_000, 28, 28}, 1, 2, 3));
        assertThatThrownBy(() -> IdxReader.readImages(huge, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("huge");
        Path hugeGz = write("huge.gz", gzip(idx(0x803, new int[] {1000, 28, 28}, 1, 2, 3)));
        assertThatThrownBy(() -> IdxReader.readImages(hugeGz, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("promises 784016 bytes after decompression");
        byte[] gz = gzip(good);
        Path cutGz = write("cut.gz", Arrays.copyOf(gz, gz.length - 6));
        assertThatThrownBy(() -> IdxReader.readImages(cutGz, false))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("cut.gz");
        Path headerOnly = write("short", new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxReader.readImages(headerOnly, false))
                .hasMessageContaining("ends inside the header");
    }

    @Test
    void aMultiMemberGzipFileIsReadWhole() throws IOException {
        // concatenated gzip members (pigz, cat a.gz b.gz) are one valid stream; the last member's size field is not the
        // total
        byte[] raw = twoImages();
        byte[] first = gzip(Arrays.copyOf(raw, 10)), second = gzip(Arrays.copyOfRange(raw, 10, raw.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        Path f = write("members.gz", both);
        assertThat(IdxReader.readImages(f, true).toArray())
                .containsExactly(IdxReader.readImages(write("raw", raw), true).toArray());
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsRejected() throws IOException {
        Path images = write("images", twoImages());
        Path labels = write("labels", idx(0x801, new int[] {3}, 1, 2, 3));
        assertThatThrownBy(() -> IdxReader.read(images, labels, false, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("holds 2 images")
                .hasMessageContaining("holds 3 labels");
    }

    @Test
    void labelsOutOfRangeAreRejectedUnlessMoreClassesAreAllowed() throws IOException {
        Path labels = write("labels", idx(0x801, new int[] {3}, 1, 12, 3));
        assertThatThrownBy(() -> IdxReader.readLabels(labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("label 12 of item 1 is out of range 0..9");
        assertThat(IdxReader.readLabels(labels, 13).toArray()).containsExactly(1, 12, 3);
    }
}
