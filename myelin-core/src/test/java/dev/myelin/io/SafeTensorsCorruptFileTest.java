package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file is refused before allocation with a message naming the file and the problem. */
class SafeTensorsCorruptFileTest {
    @TempDir
    Path dir;

    /** A file with the given header (padded) and {@code dataBytes} bytes of data. */
    static byte[] file(String json, int dataBytes) {
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        byte[] h = padded.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length)
                .put(h)
                .array();
    }

    AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes, String... fragments)
            throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        var a = assertThatThrownBy(() -> SafeTensors.read(f))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(f.toString());
        for (String frag : fragments) a.hasMessageContaining(frag);
        return a;
    }

    @Test
    void tooShortForTheLengthField() throws IOException {
        assertRejected(new byte[5], "5 bytes", "too short");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] good = SafeTensors.toBytes(Map.of("w", Tensor.ones(4)), Map.of());
        assertRejected(Arrays.copyOf(good, good.length - 3), "tensor 'w'", "past the end of the data section");
    }

    @Test
    void headerLengthLargerThanFile() throws IOException {
        byte[] b = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1000)
                .array();
        assertRejected(b, "header length 1000", "larger than the 8 bytes");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        byte[] b = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(-1)
                .array();
        assertRejected(b, "18446744073709551615", "limit");
    }

    @Test
    void badJson() throws IOException {
        assertRejected(file("{\"w\": {\"dtype\": \"F32\",", 0), "not valid JSON");
        assertRejected(file("[1, 2]", 0), "must be a JSON object");
        assertRejected(file("{} trailing", 0), "not valid JSON");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        byte[] b = file("{\"x\":1}", 0);
        b[10] = (byte) 0xFF; // inside the key
        assertRejected(b, "not valid UTF-8");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4),
                "tensor 'w'",
                "[0, 8]",
                "past the end");
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8),
                "tensor 'w'",
                "end before they begin");
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-4,4]}}", 8),
                "tensor 'w'",
                "non-negative integers");
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8),
                "tensor 'w'",
                "data_offsets");
    }

    @Test
    void shapeDoesNotMatchOffsets() throws IOException {
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w'",
                "span 8 bytes",
                "needs 12");
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w'",
                "invalid size");
        assertRejected(
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w'",
                "2^31-1");
    }

    @Test
    void unknownOrUnsupportedDtype() throws IOException {
        assertRejected(
                file("{\"w\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w'",
                "unknown dtype 'F33'");
        assertRejected(
                file("{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w'",
                "I64",
                "does not convert");
    }

    @Test
    void missingFields() throws IOException {
        assertRejected(file("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor 'w'", "missing dtype");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "tensor 'w'", "missing shape");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "tensor 'w'", "missing data_offsets");
        assertRejected(file("{\"w\":[1,2]}", 8), "tensor 'w'", "must be an object");
    }

    @Test
    void duplicateNames() throws IOException {
        assertRejected(
                file(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        8),
                "twice",
                "'w'");
    }

    @Test
    void overlappingRanges() throws IOException {
        assertRejected(
                file(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                        12),
                "tensor 'b'",
                "[4, 12]",
                "overlap tensor 'a'",
                "[0, 8]");
        assertRejected(
                file(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                        8),
                "overlap");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        assertRejected(
                file(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                        12),
                "gap of 4",
                "offset 4",
                "tensor 'b'");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "4 trailing bytes");
    }

    @Test
    void badMetadata() throws IOException {
        assertRejected(file("{\"__metadata__\":{\"epochs\":3}}", 0), "__metadata__", "'epochs'", "must be a string");
        assertRejected(file("{\"__metadata__\":[\"x\"]}", 0), "__metadata__", "object of strings");
    }

    @Test
    void inMemoryReaderNamesTheSource() {
        assertThatThrownBy(() -> SafeTensors.fromBytes(new byte[3], "upload #7"))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("upload #7: ");
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThatThrownBy(() -> SafeTensors.read(dir.resolve("nope.safetensors")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope.safetensors");
    }
}
