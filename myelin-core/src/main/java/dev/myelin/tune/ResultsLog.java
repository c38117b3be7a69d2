package dev.myelin.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.io.RegularFiles;
import dev.myelin.tensor.Messages;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of a search: {@code trials.jsonl}, one JSON object per finished trial, appended and flushed as each
 * trial finishes, and {@code trials.csv}, a summary written atomically (temporary file + rename) at the end.
 * A crash can leave a truncated or corrupt last line in the JSON-lines file; reading drops it (with a warning)
 * and resuming cuts it off. A bad line before the last is an error naming it: something else wrote to the file.
 */
final class ResultsLog implements AutoCloseable {
    static final String TRIALS_FILE = "trials.jsonl";
    static final String SUMMARY_FILE = "trials.csv";
    /** Far beyond any search's log (a trial's line is a few hundred bytes); a larger file is not one. */
    static final long MAX_BYTES = 1L << 30;

    private static final System.Logger LOG = System.getLogger("dev.myelin.tune");

    /** A trial read back from the file; the config stays JSON until the strategy proposes it again. */
    record Recorded(
            int number,
            JsonNode config,
            double budget,
            double score,
            double seconds,
            TrialStatus status,
            String error,
            int line) {}

    private final Path file;
    private final FileOutputStream out;

    private ResultsLog(Path file, FileOutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code dir/trials.jsonl} for appending, first cutting off a truncated last line. */
    static ResultsLog open(Path dir, long validLength) {
        Path file = dir.resolve(TRIALS_FILE);
        try {
            Files.createDirectories(dir);
            FileOutputStream out = new FileOutputStream(file.toFile(), true);
            if (out.getChannel().size() > validLength) out.getChannel().truncate(validLength);
            return new ResultsLog(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The complete lines of a results file, and the byte length they occupy (what is kept on resume). */
    record Contents(Map<Integer, Recorded> trials, long validLength) {}

    static Contents read(Path file) {
        if (!Files.exists(file)) return new Contents(Map.of(), 0);
        byte[] bytes;
        try {
            RegularFiles.require(file, "results file");
            if (Files.size(file) > MAX_BYTES)
                throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB; not the results of a search");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
        Map<Integer, Recorded> trials = new LinkedHashMap<>();
        int start = 0, line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            line++;
            int lineStart = start;
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
            start = i + 1;
            if (text.isEmpty()) continue;
            Recorded r;
            try {
                r = parse(file, line, text);
            } catch (IllegalStateException e) {
                // A crash can leave the last line written only in part (a file system may even show zeros where the
                // data never arrived): a bad *last* line is such a torn write, dropped (and cut off on resume).
                if (isBlank(bytes, start)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "results file " + file + ": line " + line
                                    + " is not a complete trial record (a write cut short by a crash); dropping it, its trial runs again");
                    return new Contents(trials, lineStart);
                }
                throw e;
            }
            if (trials.putIfAbsent(r.number(), r) != null)
                throw new IllegalStateException("results file " + file + " line " + line + ": trial " + r.number()
                        + " appears twice; the file was edited or two searches wrote to it");
        }
        // Bytes after the last newline are a line cut short by a crash: ignored.
        return new Contents(trials, start);
    }

    /** Whether nothing but white space (or the NULs of a torn write) follows {@code from}. */
    private static boolean isBlank(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++)
            if (bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != ' ' && bytes[i] != 0) return false;
        return true;
    }

    private static Recorded parse(Path file, int line, String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            JsonNode config = n.get("config");
            if (!n.path("number").canConvertToInt() || config == null || !config.isObject() || !n.hasNonNull("status"))
                throw new IllegalArgumentException("needs fields number, config (an object) and status");
            TrialStatus status = TrialStatus.valueOf(n.get("status").asText().toUpperCase(Locale.ROOT));
            double score = n.path("score").isNumber() ? n.get("score").asDouble() : Double.NaN;
            String error = n.path("error").isTextual() ? n.get("error").asText() : null;
            return new Recorded(
                    n.get("number").asInt(),
                    config,
                    n.path("budget").asDouble(0),
                    score,
                    n.path("seconds").asDouble(0),
                    status,
                    error,
                    line);
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof com.fasterxml.jackson.core.JacksonException j
                    ? j.getOriginalMessage()
                    : e.getMessage();
            throw new IllegalStateException(
                    Messages.oneLine("results file " + file + " line " + line + " is not a trial record (" + why
                            + "); fix or remove the line, or start a new search in another directory"),
                    e);
        }
    }

    /** Appends one trial as a JSON line and flushes it to the disk. */
    void append(TrialResult t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("number", t.number());
        n.set("config", Json.MAPPER.valueToTree(t.config().asMap()));
        n.put("budget", t.budget());
        if (Double.isFinite(t.score())) n.put("score", t.score());
        else n.putNull("score");
        n.put("seconds", t.seconds());
        n.put("status", t.status().name().toLowerCase(Locale.ROOT));
        if (t.error() != null) n.put("error", t.error());
        else n.putNull("error");
        byte[] line = (n + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
            out.flush();
            out.getFD().sync(); // not the channel: an interrupted caller would close a FileChannel mid-write
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to results file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close results file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code dir/trials.csv} atomically: columns number, status, score, seconds, budget, one per
     * hyperparameter (empty where inactive), error; fields quoted as RFC 4180 requires.
     */
    static void writeSummary(Path dir, List<TrialResult> trials) {
        Set<String> names = new LinkedHashSet<>();
        for (TrialResult t : trials) names.addAll(t.config().names());
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("number", "status", "score", "seconds", "budget"));
        header.addAll(names);
        header.add("error");
        appendRow(sb, header);
        for (TrialResult t : trials) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(t.number()));
            row.add(t.status().name().toLowerCase(Locale.ROOT));
            row.add(Double.isFinite(t.score()) ? Double.toString(t.score()) : "");
            row.add(Double.toString(t.seconds()));
            row.add(Double.toString(t.budget()));
            for (String name : names)
                row.add(t.config().has(name) ? csvValue(t.config().get(name)) : "");
            row.add(t.error() == null ? "" : t.error());
            appendRow(sb, row);
        }
        Path target = dir.resolve(SUMMARY_FILE);
        Path tmp = dir.resolve(SUMMARY_FILE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(sb.toString());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write summary " + target + ": " + e.getMessage(), e);
        }
    }

    private static String csvValue(Object v) {
        return v instanceof String s ? s : Json.write(v);
    }

    private static void appendRow(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(fields.get(i)));
        }
        sb.append("\r\n");
    }

    /** RFC 4180: quote a field containing a comma, quote or line break, doubling inner quotes. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
            return field;
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
