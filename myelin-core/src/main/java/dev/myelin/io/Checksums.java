package dev.myelin.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The integrity record of a Myelin state file: a CRC32C of every tensor's stored bytes and one of the other
 * metadata (the architecture JSON among them), as one JSON object in the safetensors metadata under
 * {@link #KEY}. Python's reader ignores it; Myelin's loaders verify it, so a flipped bit in the weights or in the
 * architecture is an error naming the tensor (or the metadata) instead of silently different predictions.
 * Files written without it (by Python, or by Myelin before it existed) load unverified.
 */
final class Checksums {
    static final String KEY = "myelin.crc32c";
    /** The entry covering the metadata; not a valid tensor name in a Myelin file (tensor names have no '__' prefix). */
    private static final String METADATA_ENTRY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checksums() {}

    /** The value of {@link #KEY} for a file holding tensors with these checksums and this metadata (without KEY). */
    static String record(Map<String, Integer> tensorChecksums, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        new TreeMap<>(tensorChecksums).forEach((k, v) -> root.put(k, hex(v)));
        root.put(METADATA_ENTRY, hex(metadataChecksum(metadata)));
        return root.toString();
    }

    /** Checks a file's contents against its record; a file without one passes (see the class comment). */
    static void verify(String file, SafeTensors.Contents contents) throws ModelFileException {
        String text = contents.metadata().get(KEY);
        if (text == null) return;
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ModelFileException(
                    file, "the checksum record '" + KEY + "' is not valid JSON; the file is corrupt");
        }
        if (root == null || !root.isObject())
            throw new ModelFileException(
                    file, "the checksum record '" + KEY + "' is not a JSON object; the file is corrupt");
        Set<String> listed = new HashSet<>();
        root.properties().forEach(e -> listed.add(e.getKey()));
        for (var e : contents.checksums().entrySet()) {
            JsonNode stored = root.get(e.getKey());
            if (stored == null)
                throw new ModelFileException(
                        file, "tensor '" + e.getKey() + "' has no checksum in '" + KEY + "'; the file is corrupt");
            if (!stored.isTextual() || !stored.textValue().equals(hex(e.getValue())))
                throw new ModelFileException(
                        file,
                        "tensor '" + e.getKey() + "' fails its checksum (stored "
                                + (stored.isTextual() ? stored.textValue() : stored.toString()) + ", its data give "
                                + hex(e.getValue())
                                + "): its bytes changed since the file was written; the file is corrupt");
            listed.remove(e.getKey());
        }
        JsonNode meta = root.get(METADATA_ENTRY);
        Map<String, String> others = new TreeMap<>(contents.metadata());
        others.remove(KEY);
        if (meta == null || !meta.isTextual() || !meta.textValue().equals(hex(metadataChecksum(others))))
            throw new ModelFileException(
                    file,
                    "the metadata (architecture and settings) fails its checksum: it changed since the file was written; the file is corrupt");
        listed.remove(METADATA_ENTRY);
        if (!listed.isEmpty())
            throw new ModelFileException(
                    file,
                    "the checksum record lists tensors the file does not hold: " + new TreeSet<>(listed)
                            + "; the file is corrupt");
    }

    private static int metadataChecksum(Map<String, String> metadata) {
        CRC32C crc = new CRC32C();
        new TreeMap<>(metadata).forEach((k, v) -> {
            byte[] key = k.getBytes(StandardCharsets.UTF_8), value = v.getBytes(StandardCharsets.UTF_8);
            crc.update(lengthPrefix(key.length));
            crc.update(key);
            crc.update(lengthPrefix(value.length));
            crc.update(value);
        });
        return (int) crc.getValue();
    }

    private static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static String hex(int crc) {
        return String.format("%08x", crc);
    }
}
