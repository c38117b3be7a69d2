package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors writer and reader: round trips, bytes against the spec, other dtypes. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsBitIdenticalIncludingEmptyAndScalarTensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", Tensor.randn(new Generator(1), 3, 4));
        tensors.put("special", Tensor.fromArray(new float[] {
            -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00001), Float.NaN
        }));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("scalar", Tensor.scalar(2.5f));
        tensors.put("a.first", Tensor.arange(5));
        Map<String, String> meta =
                Map.of("myelin.architecture", "{\"layers\": [\"Linear(4, 3)\"]}", "note", "ünïcode ✓");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, meta);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertThat(back.metadata()).isEqualTo(meta);
        assertThat(back.tensors().keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        for (var e : tensors.entrySet()) {
            Tensor t = back.tensors().get(e.getKey());
            assertThat(t.shape()).as(e.getKey()).containsExactly(e.getValue().shape());
            int[] want = bits(e.getValue().data()), got = bits(t.data());
            assertThat(got).as(e.getKey()).containsExactly(want);
        }
        assertThat(back.tensors().get("scalar").dim()).isZero();
        // header padded to a multiple of 8, so the data section is 8-byte aligned
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + n + 4L * (12 + 6 + 0 + 1 + 5));
        assertThat(Files.list(dir)).containsExactly(file); // no temp files left behind
    }

    /** A view (transposed, narrowed) is stored as its values in row-major order, as a compact copy would be. */
    @Test
    void viewsAreWrittenAsTheirValues() throws IOException {
        Tensor w = Tensor.arange(12).reshape(3, 4);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("transposed", w.t());
        tensors.put("narrowed", w.narrow(1, 1, 2));
        Path file = dir.resolve("views.safetensors");
        SafeTensors.write(file, tensors);
        SafeTensors.Contents back = SafeTensors.read(file);
        for (var e : tensors.entrySet()) {
            Tensor t = back.tensors().get(e.getKey());
            assertThat(t.shape()).as(e.getKey()).containsExactly(e.getValue().shape());
            assertThat(t.toArray()).as(e.getKey()).containsExactly(e.getValue().toArray());
        }
        assertThat(back.checksums()).isEqualTo(SafeTensors.checksums(tensors));
    }

    @Test
    void writtenBytesFollowTheSpecExactly() {
        // Hand-constructed per the spec: u64 LE header length, JSON header padded with spaces to 8, then F32 LE data.
        String json =
                "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        ByteBuffer expected = ByteBuffer.allocate(8 + padded.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(padded.length())
                .put(padded.getBytes(StandardCharsets.US_ASCII))
                .putFloat(0.5f)
                .putFloat(1f)
                .putFloat(-2f);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.fromArray(new float[] {1, -2}));
        tensors.put("b", Tensor.scalar(0.5f));
        assertThat(SafeTensors.toBytes(tensors, Map.of("format", "pt"))).containsExactly(expected.array());
    }

    @Test
    void readsAFileLaidOutAsPythonSafetensorsWritesIt() throws IOException {
        // Hand-constructed per the spec, in the order Python's safetensors writer uses (dtype alignment, then
        // name), with metadata {"format": "pt"} as safetensors.torch.save_file writes; header padded with spaces.
        // (Python's safetensors package is not installed here, so no file written by it could be used.)
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[32,36]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[36,42]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        ByteBuffer b = ByteBuffer.allocate(8 + padded.length() + 42).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
        b.putDouble(0.1).putDouble(-3);
        b.putFloat(1).putFloat(2).putFloat(3).putFloat(4);
        b.putShort((short) 0x3FC0).putShort((short) 0xC040); // bf16: 1.5, -3.0
        b.putShort((short) 0x3C00).putShort((short) 0xB800).putShort((short) 0x7BFF); // f16: 1, -0.5, 65504
        Path file = dir.resolve("from-python.safetensors");
        Files.write(file, b.array());
        SafeTensors.Contents c = SafeTensors.read(file);
        assertThat(c.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(c.tensors().keySet()).containsExactly("d", "w", "bf", "h");
        assertThat(c.tensors().get("w").shape()).containsExactly(2, 2);
        assertThat(c.tensors().get("w").toArray()).containsExactly(1, 2, 3, 4);
        assertThat(c.tensors().get("d").toArray()).containsExactly(0.1f, -3f);
        assertThat(c.tensors().get("bf").toArray()).containsExactly(1.5f, -3f);
        assertThat(c.tensors().get("h").toArray()).containsExactly(1f, -0.5f, 65504f);
        assertThat(SafeTensors.readMetadata(file)).containsEntry("format", "pt");
    }

    @Test
    void largeTensorsStreamThroughInChunks() throws IOException {
        Tensor big = Tensor.randn(new Generator(3), 70_001); // more than one 64 KiB chunk, odd length
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, Map.of("big", big));
        assertThat(bits(SafeTensors.read(file).tensors().get("big").data())).containsExactly(bits(big.data()));
    }

    @Test
    void writerRejectsReservedAndNullNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SafeTensors.toBytes(Map.of("__metadata__", Tensor.scalar(1)), Map.of()))
                .hasMessageContaining("__metadata__")
                .hasMessageContaining("reserved");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SafeTensors.toBytes(Map.of("", Tensor.scalar(1)), Map.of()))
                .hasMessageContaining("empty");
    }

    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
