package dev.myelin.cli;

import dev.myelin.io.RegularFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The text {@code myelin demo gpt} learns from: the quotations of Debian's {@code fortunes} package (the files of
 * {@code /usr/share/games/fortunes}, quotations separated by lines holding only {@code %}), a file or directory of
 * such files given with {@code --text}, or a small built-in collection when neither is there. Quotations are kept
 * whole and joined by a blank line; characters outside printable ASCII and the newline (backspaces of old
 * overstrikes, stray bytes) are dropped and tabs become spaces, so the vocabulary stays small.
 */
final class FortuneText {
    static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    /** A larger file is not a quotation collection; the fortunes package's largest is 250 KB. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private FortuneText() {}

    /** The quotations of {@code source} (null: the fortunes package, else the built-in ones); says on {@code out} which. */
    static List<String> quotations(Path source, PrintStream out) throws IOException {
        List<String> quotes = new ArrayList<>();
        if (source != null) {
            if (!Files.exists(source))
                throw new IllegalArgumentException("--text " + source + ": no such file or directory");
            for (Path f : files(source)) quotes.addAll(split(read(f)));
            out.println("text from " + source);
        } else if (Files.isDirectory(FORTUNES) && !files(FORTUNES).isEmpty()) {
            List<Path> files = files(FORTUNES);
            for (Path f : files) quotes.addAll(split(read(f)));
            out.println("text from " + files.size() + " files of " + FORTUNES + " (Debian's fortunes)");
        } else {
            try (InputStream in = Objects.requireNonNull(
                    FortuneText.class.getResourceAsStream("quotes.txt"), "resource quotes.txt")) {
                quotes.addAll(split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            out.println(FORTUNES + " not found (apt-get install fortunes); using the " + quotes.size()
                    + " built-in quotations");
        }
        if (quotes.size() < 2)
            throw new IllegalArgumentException((source != null ? "--text " + source : FORTUNES.toString())
                    + " holds fewer than two quotations (text separated by lines of a single %)");
        return quotes;
    }

    /** The quotation files of a directory (regular files, not the .dat indexes or the .u8 links to the same text), or the one file. */
    private static List<Path> files(Path source) throws IOException {
        if (!Files.isDirectory(source)) return List.of(source);
        try (Stream<Path> s = Files.list(source)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().endsWith(".dat"))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        RegularFiles.require(file, "text file");
        if (Files.size(file) > MAX_FILE_BYTES)
            throw new IllegalArgumentException("--text " + file + ": " + Files.size(file) + " bytes, more than the "
                    + MAX_FILE_BYTES + " a quotation file may have");
        // lenient decoding: some old fortune files hold Latin-1 bytes, which are dropped below anyway
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** The quotations of one file's text, cleaned; empty ones dropped. */
    static List<String> split(String text) {
        List<String> quotes = new ArrayList<>();
        StringBuilder q = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.strip().equals("%")) {
                add(quotes, q);
                continue;
            }
            q.append(clean(line)).append('\n');
        }
        add(quotes, q);
        return quotes;
    }

    private static void add(List<String> quotes, StringBuilder q) {
        String s = q.toString().strip();
        if (!s.isEmpty()) quotes.add(s);
        q.setLength(0);
    }

    /** Printable ASCII only; a tab becomes a space. */
    private static String clean(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') b.append(' ');
            else if (c >= 0x20 && c < 0x7f) b.append(c);
        }
        return b.toString().stripTrailing();
    }
}
