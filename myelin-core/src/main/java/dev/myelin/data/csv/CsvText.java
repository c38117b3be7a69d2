package dev.myelin.data.csv;

import dev.myelin.io.RegularFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a CSV file, read as the reader's rules say: a regular file only (a device or FIFO never ends), no
 * larger than a quarter of the reader's memory budget (checked before reading, and again while reading, for a file
 * that grows), strict UTF-8 (an invalid byte is an error naming its line and offset), without a byte-order mark.
 */
final class CsvText {
    private CsvText() {}

    static String read(Path file, long memoryBudget) throws IOException {
        RegularFiles.require(file, "CSV file");
        long max = Math.min(memoryBudget / 4, Integer.MAX_VALUE - 16);
        long size = Files.size(file);
        if (size > max) throw tooLarge(file, size, max);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) max + 1);
        }
        if (bytes.length > max) throw tooLarge(file, bytes.length, max);
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3
                : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start); // UTF-8 never has more characters than bytes
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position(), line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new CsvFormatException(
                    file,
                    line,
                    null,
                    String.format(
                            "invalid UTF-8: byte 0x%02X at offset %d; save the file as UTF-8", bytes[at] & 0xFF, at));
        }
        return out.flip().toString();
    }

    private static CsvFormatException tooLarge(Path file, long size, long max) {
        return new CsvFormatException(
                file,
                0,
                null,
                "the file is " + (size >> 20) + " MiB, more than the " + (max >> 20)
                        + " MiB a table may take in this JVM (an eighth of its maximum heap); read a part of it, or give Java more memory (-Xmx)");
    }
}
