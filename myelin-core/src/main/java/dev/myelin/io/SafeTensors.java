package dev.myelin.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes
 * of JSON header mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (offsets relative to the data section) plus an optional {@code "__metadata__"} string-to-string map, then
 * the raw little-endian, row-major data. The header is padded with spaces to a multiple of 8 bytes.
 *
 * <p>Writing produces F32 tensors sorted by name with contiguous offsets, atomically (see {@link AtomicFiles}).
 * Reading accepts F32, F64, F16 and BF16 (converted to float32) and checks the whole header before it
 * allocates a tensor: sizes, dtypes, shapes, offsets within the data section, and that the tensors cover the
 * data section exactly, without overlaps or gaps (as the reference implementation requires).
 * Every problem is a {@link ModelFileException} naming the file, the tensor and the offsets involved.
 */
public final class SafeTensors {
    /** The largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header entry that holds the file's string metadata (safetensors' name). */
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {}

    /**
     * Tensors (in data-offset order), the {@code __metadata__} strings of a file, and the CRC32C of each tensor's
     * stored bytes (as {@link #checksums} computes for a file this class writes). The maps are unmodifiable copies.
     *
     * @param tensors the tensors by name, as compact float32 leaves
     * @param metadata the header's {@code __metadata__} entries; empty if it has none
     * @param checksums the CRC32C of each tensor's bytes as stored in the file, by name
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, Map<String, Integer> checksums) {
        /** Copies the maps, keeping their order, and makes them unmodifiable. */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            checksums = Collections.unmodifiableMap(new LinkedHashMap<>(checksums));
        }
    }

    /** Element types of the format this reader converts to float32, with their byte sizes. */
    private enum DType {
        F32(4),
        F64(8),
        F16(2),
        BF16(2);

        final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    /** Dtypes defined by the format that this reader does not convert (named so the message can say so). */
    private static final Set<String> OTHER_FORMAT_DTYPES = Set.of(
            "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4",
            "F6_E2M3", "F6_E3M2", "C64");

    /** One header entry, validated. Offsets are relative to the data section. */
    private record Entry(String name, DType dtype, int[] shape, int numel, long begin, long end) {}

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} (no metadata) to {@code path} as F32, atomically.
     *
     * @param path the file to create or replace
     * @param tensors the tensors by name (views are stored as their values in row-major order, as PyTorch's
     *     {@code torch.save} does for a non-contiguous tensor)
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}, or a tensor is null
     */
    public static void write(Path path, Map<String, ? extends Tensor> tensors) throws IOException {
        write(path, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} as F32, sorted by name, and {@code metadata} as {@code __metadata__} to {@code path},
     * atomically, as {@code safetensors.torch.save_file(tensors, path, metadata)}.
     *
     * @param path the file to create or replace
     * @param tensors the tensors by name (views are stored as their values in row-major order, as PyTorch's
     *     {@code torch.save} does for a non-contiguous tensor)
     * @param metadata string entries for the header; {@code Map.of()} for none
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}, or a tensor, the metadata or an
     *     entry is null
     */
    public static void write(Path path, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<String> names = checkedNames(tensors, metadata);
        byte[] header = header(names, tensors, metadata);
        AtomicFiles.write(path, out -> writeTo(out, header, names, tensors));
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}, as {@link #write} would store them,
     * as {@code safetensors.torch.save(tensors, metadata)}.
     *
     * @param tensors the tensors by name (views are stored as their values in row-major order, as PyTorch's
     *     {@code torch.save} does for a non-contiguous tensor)
     * @param metadata string entries for the header; {@code Map.of()} for none
     * @return the whole file's bytes
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}, or a tensor, the metadata or an
     *     entry is null
     */
    public static byte[] toBytes(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        List<String> names = checkedNames(tensors, metadata);
        byte[] header = header(names, tensors, metadata);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes, header, names, tensors);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static List<String> checkedNames(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null) throw new IllegalArgumentException("safetensors: tensors is null");
        if (metadata == null)
            throw new IllegalArgumentException("safetensors: metadata is null; pass Map.of() for none");
        for (var e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty())
                throw new IllegalArgumentException("safetensors: a tensor name is null or empty");
            if (e.getKey().equals(METADATA_KEY))
                throw new IllegalArgumentException(
                        "safetensors: '" + METADATA_KEY + "' is reserved and cannot name a tensor");
            if (e.getValue() == null)
                throw new IllegalArgumentException("safetensors: tensor '" + e.getKey() + "' is null");
        }
        for (var e : metadata.entrySet())
            if (e.getKey() == null || e.getValue() == null)
                throw new IllegalArgumentException(
                        "safetensors: metadata entry " + e.getKey() + "=" + e.getValue() + " has a null key or value");
        List<String> names = new ArrayList<>(tensors.keySet());
        Collections.sort(names); // the reference writer orders equal-dtype tensors by name
        return names;
    }

    private static byte[] header(
            List<String> names, Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long end = offset + 4L * t.numel();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("safetensors: could not serialize the header", e);
        }
        int padded = (json.length + 7) / 8 * 8; // 8-byte alignment of the data section, as the reference writer does
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /**
     * The CRC32C of the bytes {@link #write} stores for each tensor (F32, little-endian), by name.
     *
     * @param tensors the tensors by name (views are stored as their values in row-major order, as PyTorch's
     *     {@code torch.save} does for a non-contiguous tensor)
     * @return the checksums in {@code tensors}' order
     */
    public static Map<String, Integer> checksums(Map<String, ? extends Tensor> tensors) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (var e : tensors.entrySet()) {
            CRC32C crc = new CRC32C();
            float[] data = e.getValue().values(); // a view's values in row-major order
            for (int i = 0; i < data.length; ) {
                buf.clear();
                int n = Math.min(CHUNK / 4, data.length - i);
                buf.asFloatBuffer().put(data, i, n);
                crc.update(buf.array(), 0, 4 * n);
                i += n;
            }
            out.put(e.getKey(), (int) crc.getValue());
        }
        return out;
    }

    private static void writeTo(
            OutputStream out, byte[] header, List<String> names, Map<String, ? extends Tensor> tensors)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        out.write(buf.array(), 0, 8);
        out.write(header);
        for (String name : names) {
            float[] data = tensors.get(name).values(); // a view (a transposed weight) as its row-major values
            for (int i = 0; i < data.length; ) {
                buf.clear();
                int n = Math.min(CHUNK / 4, data.length - i);
                buf.asFloatBuffer().put(data, i, n);
                out.write(buf.array(), 0, 4 * n);
                i += n;
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads every tensor and the metadata of a safetensors file, as {@code safetensors.torch.load_file}; F64, F16 and
     * BF16 tensors are converted to float32. The whole header is checked before any tensor is allocated.
     *
     * @param path the file
     * @return the tensors, the metadata and the tensors' checksums
     * @throws ModelFileException if the file is malformed or holds a dtype this reader does not convert; the message
     *     names the file, the tensor and the offsets involved
     * @throws IOException if the file cannot be read or is not a regular file
     */
    public static Contents read(Path path) throws IOException {
        RegularFiles.require(path, "safetensors file");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(new ChannelSource(ch), path.toString());
        }
    }

    /**
     * Reads a safetensors file held in memory, as {@code safetensors.torch.load(bytes)}.
     *
     * @param bytes the file's bytes
     * @param sourceName the name to give the source in error messages
     * @return the tensors, the metadata and the tensors' checksums
     * @throws ModelFileException if the bytes are not a valid safetensors file
     */
    public static Contents fromBytes(byte[] bytes, String sourceName) throws ModelFileException {
        try {
            return read(new ArraySource(bytes), sourceName);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(sourceName, "read failed: " + e.getMessage(), e);
        }
    }

    /**
     * The shape of every tensor (in data-offset order) and the metadata, as the header declares them. The maps are
     * unmodifiable copies.
     *
     * @param shapes each tensor's shape, by name
     * @param metadata the header's {@code __metadata__} entries; empty if it has none
     */
    public record Header(Map<String, int[]> shapes, Map<String, String> metadata) {
        /** Copies the maps, keeping their order, and makes them unmodifiable. */
        public Header {
            shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * The validated header alone: tensor shapes and metadata, without reading or allocating any tensor, so a caller can
     * check what a file holds before it commits memory to it.
     *
     * @param path the file
     * @return the shapes and the metadata
     * @throws ModelFileException if the header is malformed
     * @throws IOException if the file cannot be read or is not a regular file
     */
    public static Header readHeader(Path path) throws IOException {
        RegularFiles.require(path, "safetensors file");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (Entry e : parseHeader(new ChannelSource(ch), path.toString(), metadata)
                    .entries()) shapes.put(e.name(), e.shape());
            return new Header(shapes, metadata);
        }
    }

    /**
     * The metadata only (reads just the header, validated).
     *
     * @param path the file
     * @return the header's {@code __metadata__} entries; empty if it has none
     * @throws ModelFileException if the header is malformed
     * @throws IOException if the file cannot be read or is not a regular file
     */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        RegularFiles.require(path, "safetensors file");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Source src = new ChannelSource(ch);
            Map<String, String> metadata = new LinkedHashMap<>();
            parseHeader(src, path.toString(), metadata);
            return metadata;
        }
    }

    private static Contents read(Source src, String file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        ParsedHeader header = parseHeader(src, file, metadata);
        // Everything is checked; now allocate and fill.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Integer> checksums = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : header.entries()) {
            float[] values = new float[e.numel()];
            long pos = header.dataStart() + e.begin();
            CRC32C crc = new CRC32C();
            int i = 0;
            while (i < values.length) {
                int n = Math.min(CHUNK / e.dtype().bytes, values.length - i);
                buf.clear().limit(n * e.dtype().bytes);
                src.readFully(pos, buf, file, e.name());
                buf.flip();
                crc.update(buf.array(), 0, buf.limit());
                convert(e.dtype(), buf, values, i, n);
                pos += (long) n * e.dtype().bytes;
                i += n;
            }
            tensors.put(e.name(), new Tensor(values, e.shape()));
            checksums.put(e.name(), (int) crc.getValue());
        }
        return new Contents(tensors, metadata, checksums);
    }

    private static void convert(DType dtype, ByteBuffer buf, float[] out, int off, int n) {
        switch (dtype) {
            case F32 -> buf.asFloatBuffer().get(out, off, n);
            case F64 -> {
                for (int i = 0; i < n; i++) out[off + i] = (float) buf.getDouble();
            }
            case F16 -> {
                for (int i = 0; i < n; i++) out[off + i] = Float.float16ToFloat(buf.getShort());
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) out[off + i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            }
        }
    }

    private record ParsedHeader(List<Entry> entries, long dataStart) {}

    private static ParsedHeader parseHeader(Source src, String file, Map<String, String> metadataOut)
            throws IOException {
        long size = src.size();
        if (size < 8)
            throw new ModelFileException(
                    file, "file is " + size + " bytes, too short for the 8-byte header length of a safetensors file");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf, file, null);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES)
            throw new ModelFileException(
                    file,
                    "header length " + Long.toUnsignedString(n) + " exceeds the " + MAX_HEADER_BYTES
                            + "-byte limit; this is not a safetensors file or it is corrupt");
        if (n > size - 8)
            throw new ModelFileException(
                    file,
                    "header length " + n + " is larger than the " + (size - 8)
                            + " bytes after the length field; the file is truncated or not a safetensors file");
        if (n < 2) throw new ModelFileException(file, "header length " + n + " is too small to hold a JSON object");
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        src.readFully(8, headerBuf, file, null);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBuf.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "header (bytes 8.." + (8 + n) + ") is not valid UTF-8", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field"))
                throw new ModelFileException(
                        file, "header names a tensor twice (" + msg + "); each name must be unique", e);
            throw new ModelFileException(
                    file, "header (bytes 8.." + (8 + n) + ") is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject())
            throw new ModelFileException(
                    file, "header must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        long dataSize = size - 8 - n;
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!seen.add(name))
                throw new ModelFileException(file, "tensor '" + name + "' appears twice in the header");
            if (name.equals(METADATA_KEY)) {
                parseMetadata(field.getValue(), file, metadataOut);
            } else {
                entries.add(parseEntry(name, field.getValue(), file, dataSize));
            }
        }
        checkCoverage(entries, file, dataSize);
        return new ParsedHeader(entries, 8 + n);
    }

    private static void parseMetadata(JsonNode node, String file, Map<String, String> out) throws ModelFileException {
        if (node.isNull()) return;
        if (!node.isObject())
            throw new ModelFileException(
                    file, METADATA_KEY + " must be an object of strings, got " + node.getNodeType());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual())
                throw new ModelFileException(
                        file,
                        METADATA_KEY + " value for key '" + e.getKey() + "' must be a string, got "
                                + e.getValue().getNodeType());
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry parseEntry(String name, JsonNode node, String file, long dataSize) throws ModelFileException {
        String where = "tensor '" + name + "'";
        if (name.isEmpty()) throw new ModelFileException(file, "a tensor has an empty name");
        if (!node.isObject())
            throw new ModelFileException(
                    file, where + " must be an object with dtype, shape and data_offsets, got " + node.getNodeType());
        JsonNode dtypeNode = node.get("dtype"), shapeNode = node.get("shape"), offsetsNode = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsetsNode == null)
            throw new ModelFileException(
                    file,
                    where + " is missing "
                            + (dtypeNode == null ? "dtype" : shapeNode == null ? "shape" : "data_offsets"));
        if (!dtypeNode.isTextual()) throw new ModelFileException(file, where + " has a non-string dtype " + dtypeNode);
        String dtypeName = dtypeNode.textValue();
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeName);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    file,
                    where
                            + (OTHER_FORMAT_DTYPES.contains(dtypeName)
                                    ? " has dtype " + dtypeName
                                            + ", which this reader does not convert (supported: F32, F64, F16, BF16)"
                                    : " has unknown dtype '" + dtypeName + "' (supported: F32, F64, F16, BF16)"));
        }
        if (!shapeNode.isArray())
            throw new ModelFileException(file, where + " shape must be an array of sizes, got " + shapeNode);
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber()
                    || !d.canConvertToLong()
                    || d.longValue() < 0
                    || d.longValue() > Integer.MAX_VALUE)
                throw new ModelFileException(
                        file,
                        where + " shape " + shapeNode + " has an invalid size at position " + i
                                + " (sizes are integers in [0, 2^31-1])");
            shape[i] = d.intValue();
            numel *= shape[i];
            if (numel > Integer.MAX_VALUE)
                throw new ModelFileException(
                        file,
                        where + " shape " + shapeNode + " has more than 2^31-1 elements, more than a tensor can hold");
        }
        if (!offsetsNode.isArray()
                || offsetsNode.size() != 2
                || !isOffset(offsetsNode.get(0))
                || !isOffset(offsetsNode.get(1)))
            throw new ModelFileException(
                    file, where + " data_offsets must be two non-negative integers [begin, end], got " + offsetsNode);
        long begin = offsetsNode.get(0).longValue(), end = offsetsNode.get(1).longValue();
        if (end < begin)
            throw new ModelFileException(
                    file, where + " data_offsets [" + begin + ", " + end + "] end before they begin");
        if (end > dataSize)
            throw new ModelFileException(
                    file,
                    where + " data_offsets [" + begin + ", " + end + "] reach past the end of the data section ("
                            + dataSize + " bytes); the file is truncated or corrupt");
        long expected = numel * dtype.bytes;
        if (end - begin != expected)
            throw new ModelFileException(
                    file,
                    where + " data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes, but shape "
                            + Arrays.toString(shape) + " of " + dtypeName + " needs " + expected);
        return new Entry(name, dtype, shape, (int) numel, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The tensors must tile the data section: sorted by offset, each begins where the previous ended. */
    private static void checkCoverage(List<Entry> entries, String file, long dataSize) throws ModelFileException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered)
                throw new ModelFileException(
                        file,
                        "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor '"
                                + previous.name() + "' [" + previous.begin() + ", " + previous.end() + "]");
            if (e.begin() > covered)
                throw new ModelFileException(
                        file,
                        "gap of " + (e.begin() - covered) + " unused bytes in the data section at offset " + covered
                                + " before tensor '" + e.name() + "'");
            covered = e.end();
            if (e.end() > e.begin()) previous = e;
            else if (previous == null) previous = e;
        }
        if (covered != dataSize)
            throw new ModelFileException(
                    file,
                    "data section is " + dataSize + " bytes but the tensors cover only " + covered + "; "
                            + (dataSize - covered) + " trailing bytes are not described by the header");
        entries.clear();
        entries.addAll(sorted);
    }

    // ---------------------------------------------------------------- byte sources

    private interface Source {
        long size() throws IOException;

        /** Fills {@code dst} from {@code position}; a short file is a ModelFileException. */
        void readFully(long position, ByteBuffer dst, String file, String tensor) throws IOException;
    }

    private record ChannelSource(FileChannel ch) implements Source {
        public long size() throws IOException {
            return ch.size();
        }

        public void readFully(long position, ByteBuffer dst, String file, String tensor) throws IOException {
            long pos = position;
            while (dst.hasRemaining()) {
                int r = ch.read(dst, pos);
                if (r < 0)
                    throw new ModelFileException(
                            file,
                            "file ended at offset " + pos
                                    + (tensor == null ? "" : " while reading tensor '" + tensor + "'")
                                    + "; it was truncated while being read");
                pos += r;
            }
        }
    }

    private record ArraySource(byte[] bytes) implements Source {
        public long size() {
            return bytes.length;
        }

        public void readFully(long position, ByteBuffer dst, String file, String tensor) throws IOException {
            if (position + dst.remaining() > bytes.length)
                throw new ModelFileException(
                        file,
                        "data ends at offset " + bytes.length
                                + (tensor == null ? "" : " inside tensor '" + tensor + "'"));
            dst.put(bytes, (int) position, dst.remaining());
        }
    }
}
